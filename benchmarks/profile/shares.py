"""Reads `perf script -F ip,sym,dso` on stdin; prints where a GET's CPU goes, as shares of all samples.

Each sample is charged to its first managed frame outside CoreLib (CoreLib helpers and P/Invoke stubs count for their caller); samples with
no managed frame are charged to the native library or kernel they sit in. Async continuations break stacks, so these are
self shares (plus CoreLib callees), not inclusive times.
"""
import collections
import re
import sys

from perf_samples import samples

top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
managed = re.compile(r'\[([A-Za-z0-9_.]+)\] ([^:(\[]+)::([^(\[]+)')
groups = [
    ('App: generated handler, store, JSON context', ('SecureApi.Bench.',)),
    ('SecureApi runtime (src/Runtime)', ('SecureApi',)),
    ('Kestrel, sockets, pipelines', ('Microsoft.AspNetCore.Server.', 'System.Net.', 'System.IO.Pipelines')),
    ('JwtBearer, authentication, IdentityModel', ('Microsoft.AspNetCore.Authentication', 'Microsoft.IdentityModel', 'System.IdentityModel')),
    ('Authorization', ('Microsoft.AspNetCore.Authorization',)),
    ('Rate limiting (ASP.NET Core + System.Threading)', ('Microsoft.AspNetCore.RateLimiting', 'System.Threading.RateLimiting')),
    ('SQLite (Microsoft.Data.Sqlite, SQLitePCLRaw)', ('Microsoft.Data.Sqlite', 'SQLitePCLRaw')),
    ('Hosting, routing, DI, diagnostics, JSON, other managed', ('',)),
]
native = [('kernel (syscalls, loopback TCP, scheduler)', 'kernel'), ('SQLite native (libe_sqlite3)', 'sqlite'),
          ('runtime native (GC, thread pool, JIT, stubs)', 'coreclr|clrjit|doublemapper|JIT'), ('OpenSSL', 'crypto|ssl'),
          ('libc, other native', '')]


by_group, by_method, total = collections.Counter(), collections.Counter(), 0
for stack in samples(sys.stdin):
    total += 1
    for sym, _ in stack:
        m = managed.search(sym)
        # IL stubs (P/Invoke marshalling) carry a random assembly name in the perf map: charged to their caller too.
        if m and m.group(1) not in ('System.Private.CoreLib', 'System.Runtime') and 'IL_STUB' not in m.group(3):
            by_method[f'{m.group(1)}: {m.group(2)}::{m.group(3)}'] += 1
            by_group[next(name for name, prefixes in groups if m.group(1).startswith(prefixes))] += 1
            break
    else:
        dso = stack[0][1]
        by_group[next(name for name, pattern in native if re.search(pattern, dso))] += 1

print(f'{total} samples\n\n| Where | Share |\n|---|---:|')
for name, count in by_group.most_common():
    print(f'| {name} | {100 * count / total:.1f}% |')
print(f'\nTop {top} managed frames (self + CoreLib callees):\n')
for name, count in by_method.most_common(top):
    print(f'{100 * count / total:5.2f}%  {name[:160]}')
print('\nSecureApi-controlled frames:\n')
for name, count in by_method.most_common():
    if name.startswith('SecureApi') and 100 * count / total >= 0.1:
        print(f'{100 * count / total:5.2f}%  {name[:160]}')
