"""Reads `perf script -F comm,tid,ip,sym,dso` of native AOT starts on stdin; prints where the start-up CPU goes.

Each sample gets one activity, the first that any of its frames shows, in this order: RehydrateData, a GC, the GC's
allocation path (clearing fresh memory), the type loader building generic types, reflection, dependency injection, the
dynamic linker, else the library its leaf frame sits in. Samples under the type loader, reflection or DI are also
charged to their caller: the first frame above DI that is not DI, the type loader, reflection or CoreLib.
"""
import collections
import re
import sys

from perf_samples import samples

activities = [
    ('RehydrateData (expanding the binary\'s dehydrated data)', r'RehydrateData'),
    ('GC: collections', r'gc_heap::garbage_collect|gc_thread_function|GCHeap::GarbageCollect'),
    ('GC: allocation (clearing fresh memory, page faults)', r'GCHeap::Alloc|gc_heap::|RhpNew|RhpGcAlloc'),
    ('Type loader: generic types built at run time', r'^S_P_TypeLoader_'),
    ('Reflection (metadata, constructors, invoke)', r'^S_P_Reflection|System_Reflection_Runtime|Reflection_Execution|System_Reflection_Metadata'),
    ('DI: call sites and resolution (rest)', r'^Microsoft_Extensions_DependencyInjection_'),
    ('Kernel: exec, dynamic linker, runtime init', r'load_elf_binary|ld-linux|_dl_|InitializeModules|RhInitialize|InitializeRuntime'),
]
helpers = re.compile(r'^(Microsoft_Extensions_DependencyInjection_|S_P_TypeLoader_|S_P_Reflection|S_P_CoreLib_|System_Private_|'
                     r'System_Collections_Concurrent_|System_Linq_|Microsoft_Extensions_Options_|0x|\[unknown\])')
owners = [('SecureApi', r'^SecureApi_|^NotesService_'), ('Kestrel', r'Kestrel'), ('Hosting', r'Hosting'),
          ('Logging', r'Logging'), ('Routing', r'Routing'), ('Configuration', r'Configuration'),
          ('Authentication/Authorization', r'Authentication|Authorization')]


by_activity, callers, under_secureapi, total = collections.Counter(), collections.Counter(), 0, 0
for stack in samples(sys.stdin, headers=True):
    total += 1
    syms = [s for s, _ in stack]
    activity = next((name for name, pattern in activities if any(re.search(pattern, s) for s in syms)), None)
    if activity is None:
        dso = stack[0][1]
        activity = 'Kernel (page faults, syscalls)' if 'kernel' in dso else 'Other managed/native code' if 'NotesService' in dso else f'Other: {dso.split("/")[-1]}'
    by_activity[activity] += 1
    if any(re.match(r'^(SecureApi_|NotesService_)', s) and 'Program___Main' not in s for s in syms):
        under_secureapi += 1
    if activity.startswith(('Type loader', 'Reflection', 'DI')):
        # walk from the leaf outwards past DI and its helpers: the first other frame asked for the service
        seen_di = False
        for s in syms:
            if s.startswith('Microsoft_Extensions_DependencyInjection_'):
                seen_di = True
            elif seen_di and not helpers.match(s):
                callers[re.sub(r'<.*', '', s)[:150]] += 1
                break

print(f'{total} samples\n\n| Activity | Share |\n|---|---:|')
for name, count in by_activity.most_common():
    print(f'| {name} | {100 * count / total:.1f}% |')
print(f'\nUnder a SecureApi or sample frame (inclusive, any activity): {100 * under_secureapi / total:.1f}%')
print('\nWho asked DI (type loader, reflection and DI samples, by the first caller above DI):\n')
for name, count in callers.most_common(25):
    print(f'{100 * count / total:5.1f}%  {name}')
