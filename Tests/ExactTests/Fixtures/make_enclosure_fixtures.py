#!/usr/bin/env python3
"""Reference values for the enclosure tests (Tests/ExactTests/Enclosure*Tests.swift).

Rerun from the package root:
    python3 Tests/ExactTests/Fixtures/make_enclosure_fixtures.py > Tests/ExactTests/Fixtures/enclosure-references.txt

Needs mpmath. Each line is `function argument value`: the argument is exact number text (SPEC
section 2: integer, fraction, decimal or hexadecimal float), read here exactly as a Fraction; the
value is f(argument) computed by mpmath at 1200 decimal digits and written with 1100 significant
digits (so it is within 10^-1098 of the real value, relatively), or `0` when f(argument) is 0.
No binary floating point is used: arguments are parsed as exact fractions.
"""
from fractions import Fraction
import re
import mpmath
from mpmath import mp

mp.dps = 1200
DIGITS = 1100

ARGUMENTS = {
    'exp': ['0', '0x1p-60', '-0x1p-60', '0x1p-30', '1e-10', '1/3', '1/2', '-1/2', '1', '-1', '-7/3',
            '22/7', '0x1.8p-3', '0.34657359027997264', '0.3465735902799727', '-0.34657359027997264',
            '0.6931471805599453', '0.6931471805599454', '1.0397207708399179', '-1.0397207708399179',
            '10', '50', '100.5', '700', '-700', '5000', '-5000', '1000000', '-1000000'],
    'erf': ['0', '0x1p-60', '-0x1p-60', '1e-5', '1/8', '1/3', '1/2', '-1/2', '1', '-1', '3/2', '2',
            '3.5', '-3.5', '5', '6', '-6', '6.7', '6.8', '10', '27', '-27', '100'],
    'tanh': ['0', '0x1p-60', '-0x1p-60', '0x1p-33', '1e-5', '1/10', '1/8', '0.125000001', '1/4',
             '1/2', '-1/2', '1', '-7/3', '6', '20', '27', '-27', '33', '34', '100'],
    'sqrt': ['2', '3', '1/3', '7/5', '1/2', '0x1.8p-3', '0x1p-61', '3e-30', '123456789/1000',
             '100000000000000000001', '12345678901234567890', '4', '9/16', '1e-40'],
    # Constants, written as their product with the argument.
    'pi': ['1'],
    'ln2': ['1'],
}

FUNCTIONS = {'exp': mp.exp, 'erf': mp.erf, 'tanh': mp.tanh, 'sqrt': mp.sqrt,
             'pi': lambda x: mp.pi * x, 'ln2': lambda x: mp.ln2 * x}


def exact(text):
    """The exact value of number text as a Fraction (hexadecimal floats by hand)."""
    m = re.fullmatch(r'(-?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([+-]?\d+)', text)
    if m:
        digits = m.group(2) + (m.group(3) or '')
        value = Fraction(int(digits, 16), 16 ** len(m.group(3) or ''))
        value *= Fraction(2) ** int(m.group(4))
        return -value if m.group(1) else value
    return Fraction(text)


def decimal(v):
    if v == 0:
        return '0'
    return mpmath.nstr(v, DIGITS, strip_zeros=False, min_fixed=1, max_fixed=0)


def main():
    for name, arguments in ARGUMENTS.items():
        for text in arguments:
            q = exact(text)
            x = mp.mpf(q.numerator) / mp.mpf(q.denominator)
            print(name, text, decimal(FUNCTIONS[name](x)))


if __name__ == '__main__':
    main()
