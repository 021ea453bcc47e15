"""cff.py — the glyphs of a bare CFF font program (a PDF's FontFile3), for
the tests that look into the fonts gongbao writes (docs.sh, fontprograms.sh)."""


def _index(b, at):
    """The items of the INDEX at AT of B as (start, end) offsets, and the
    offset after it."""
    n = int.from_bytes(b[at:at + 2], "big")
    if n == 0:
        return [], at + 2
    size = b[at + 2]
    offs = [int.from_bytes(b[at + 3 + i * size:at + 3 + (i + 1) * size], "big") for i in range(n + 1)]
    base = at + 3 + (n + 1) * size - 1
    return [(base + offs[i], base + offs[i + 1]) for i in range(n)], base + offs[-1]


def _top_dict(b, lo, hi):
    """The operators of the DICT in B[LO:HI] with their operands (reals as 0)."""
    ops, args, i = {}, [], lo
    while i < hi:
        c = b[i]
        if c <= 21:
            op = c if c != 12 else 1200 + b[i + 1]
            i += 1 if c != 12 else 2
            ops[op], args = args, []
        elif c == 28:
            args.append(int.from_bytes(b[i + 1:i + 3], "big", signed=True)); i += 3
        elif c == 29:
            args.append(int.from_bytes(b[i + 1:i + 5], "big", signed=True)); i += 5
        elif c == 30:
            i += 1
            while b[i] & 0x0f != 0x0f and b[i] >> 4 != 0x0f:
                i += 1
            i += 1; args.append(0)
        elif c <= 246:
            args.append(c - 139); i += 1
        elif c <= 250:
            args.append((c - 247) * 256 + b[i + 1] + 108); i += 2
        else:
            args.append(-(c - 251) * 256 - b[i + 1] - 108); i += 2
    return ops


def charstrings(b, start=0):
    """Each glyph's charstring, by glyph number, as (start, end) offsets in B
    of the CFF program that begins at START."""
    _, at = _index(b, start + b[start + 2])   # the Name INDEX after the header
    tops, _ = _index(b, at)                    # the Top DICT INDEX
    ops = _top_dict(b, *tops[0])
    return _index(b, start + ops[17][0])[0]    # CharStrings, operator 17


def subroutines(b, start=0):
    """The number of global and of local subroutines (every Private DICT's,
    the FDArray's of a CID-keyed font included) of the CFF program at START."""
    _, at = _index(b, start + b[start + 2])   # the Name INDEX after the header
    tops, at = _index(b, at)                   # the Top DICT INDEX
    _, at = _index(b, at)                      # the String INDEX
    gsubrs, _ = _index(b, at)                  # the Global Subr INDEX
    ops = _top_dict(b, *tops[0])
    privates = [ops]
    if 1236 in ops:                            # FDArray: a Font DICT a group of glyphs
        fds, _ = _index(b, start + ops[1236][0])
        privates = [_top_dict(b, lo, hi) for lo, hi in fds]
    local = 0
    for fd in privates:
        if 18 not in fd:                       # Private: size, offset
            continue
        size, off = fd[18]
        priv = _top_dict(b, start + off, start + off + size)
        if 19 in priv:                         # Subrs, from the Private DICT
            local += len(_index(b, start + off + priv[19][0])[0])
    return len(gsubrs), local
