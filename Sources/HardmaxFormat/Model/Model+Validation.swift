extension Model {
    /// Checks every shape rule of SPEC.md section 4 on an in-memory model (one built by code rather
    /// than read), with the same errors the model reader gives for a file.
    ///
    /// Implemented as a write and re-read through ``ModelWriter`` and ``ModelReader``, so there is one
    /// definition of a well-formed model.
    /// - Throws: ``InputError`` naming the JSON path of the first problem.
    /// - Complexity: O(parameters) plus writing and re-parsing every number; meant for construction
    ///   output and tests, not inner loops.
    public func validate() throws {
        _ = try ModelReader.parse(ModelWriter.json(self), file: nil)
    }
}
