"""The samples of `perf script` output, as lists of (symbol, dso) frames, leaf first; shared by shares.py and start-shares.py."""
import re

frame = re.compile(r'\s*[0-9a-f]+\s+(.*?)(?:\s+\(([^()]*)\))?$')


def samples(lines, headers=False):
    """Yields each sample's frames. headers: the output has a header line per sample (-F comm,tid,...) to skip."""
    stack = []
    for line in lines:
        if not line.strip():
            if stack:
                yield stack
            stack = []
            continue
        if headers and not line.startswith(('\t', ' ')):
            continue  # the comm/tid header line
        m = frame.match(line.rstrip('\n'))
        if m:
            stack.append((m.group(1), m.group(2) or ''))
    if stack:
        yield stack
