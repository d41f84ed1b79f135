import Exact
import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// Independent cross-check: NumPy writes .npy/.npz files (and Python's struct/json a safetensors file
/// laid out as the reference writer does); Python's float.hex() gives each value exactly, which
/// `Rational(parsing:)` reads exactly. Skipped (even under CI) when python3 with numpy is not available.
@Suite struct TensorNumpyCrossCheckTests {
    static let script = #"""
import json, os, struct, sys
import numpy as np
out = sys.argv[1]
rs = np.random.RandomState(20240611)
special = [0.0, -0.0, 1.5, 0.1, -2.5, 65504.0, 2.0**-24, 2.0**-14, 3.4028234663852886e38, 1.401298464324817e-45,
           2.2250738585072014e-308, 5e-324, 1.7976931348623157e308]
arrays = {
  'f8': np.array(special + list(rs.standard_normal(11)), dtype='<f8').reshape(4, 6),
  'f4be': np.array(special[:10] + list(rs.standard_normal(2) * 1000), dtype='>f4').reshape(3, 4),
  'f2': np.array(special[:8] + list(rs.standard_normal(4)), dtype='<f2').reshape(2, 2, 3),
  'i8': np.array([-2**63, 2**63 - 1, 0, -1], dtype='<i8'),
  'u8be': np.array([2**64 - 1, 0, 12345], dtype='>u8'),
  'i2': np.array([[-32768, 32767], [5, -6]], dtype='<i2'),
  'u1': np.arange(250, 256, dtype='u1'),
  'b1': np.array([True, False, True]),
  'fortran': np.asfortranarray(rs.standard_normal((3, 5)).astype('<f4')),
  'scalar': np.array(0.375),
}
lines = []
def record(name, a):
    flat = a.flatten(order='C')
    vals = [float(v).hex() if a.dtype.kind == 'f' else str(int(v)) for v in flat]
    lines.append(name + '|' + ','.join(str(d) for d in a.shape) + '|' + ','.join(vals))
for name, a in arrays.items():
    np.save(os.path.join(out, name + '.npy'), a)
    record(name, a)
np.savez(os.path.join(out, 'all.npz'), **arrays)
np.savez_compressed(os.path.join(out, 'compressed.npz'), x=arrays['f8'])
# safetensors as the reference writer lays it out: header padded with spaces to a multiple of 8.
ts = [('w.f32', 'F32', np.array(special[:10] + [-1.0, 7.0], dtype='<f4').reshape(3, 4)),
      ('w.bf16', 'BF16', None), ('w.f64', 'F64', arrays['f8'])]
bf16_bits = [0x3F80, 0x7F7F, 0x0001, 0xBFC0, 0x3DCD, 0x8000]
header, data = {'__metadata__': {'format': 'np'}}, b''
for name, dt, a in ts:
    raw = struct.pack('<%dH' % len(bf16_bits), *bf16_bits) if a is None else a.tobytes()
    header[name] = {'dtype': dt, 'shape': [len(bf16_bits)] if a is None else list(a.shape),
                    'data_offsets': [len(data), len(data) + len(raw)]}
    data += raw
    if a is None:
        vals = [struct.unpack('<f', struct.pack('<I', b << 16))[0].hex() for b in bf16_bits]
        lines.append('st:' + name + '|' + str(len(bf16_bits)) + '|' + ','.join(vals))
    else:
        record('st:' + name, a)
h = json.dumps(header).encode()
h += b' ' * ((8 - len(h) % 8) % 8)
open(os.path.join(out, 'm.safetensors'), 'wb').write(struct.pack('<Q', len(h)) + h + data)
print('\n'.join(lines))
"""#

    /// Runs the script with python3, or nil when it cannot start or fails.
    static func runPython(in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    @Test(.python3(importing: "numpy", requiredUnderCI: false))
    func numpyAndReferenceLayoutFilesReadExactly() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("hardmax-tensors-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard let output = Self.runPython(in: folder) else {
            Issue.record("python3 with numpy is available, but the script failed")
            return
        }

        var expected: [String: (shape: [Int], values: [Rational])] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
            let shape = parts[1].split(separator: ",").compactMap { Int($0) }
            let values = try parts[2].split(separator: ",").map { try Rational(parsing: $0) }
            expected[String(parts[0])] = (shape, values)
        }
        #expect(expected.count == 13)
        let npz = try TensorFileReader.read(file: folder + "/all.npz")
        #expect(npz.count == 10)
        for tensor in npz {
            let single = try TensorFileReader.read(file: folder + "/" + tensor.name + ".npy")
            #expect(single == [tensor], "\(tensor.name): .npy and .npz member differ")
            #expect(tensor.shape == expected[tensor.name]?.shape, "\(tensor.name)")
            #expect(tensor.values == expected[tensor.name]?.values, "\(tensor.name)")
        }
        let safetensors = try TensorFileReader.read(file: folder + "/m.safetensors")
        #expect(safetensors.map(\.name) == ["w.f32", "w.bf16", "w.f64"])
        for tensor in safetensors {
            #expect(tensor.shape == expected["st:" + tensor.name]?.shape, "\(tensor.name)")
            #expect(tensor.values == expected["st:" + tensor.name]?.values, "\(tensor.name)")
        }
        let compressed = inputError { try TensorFileReader.read(file: folder + "/compressed.npz") }
        #expect(compressed?.message.contains("np.savez instead") == true)
    }
}
