// Package hugeheap asks Linux to back a program's Go heap with
// transparent huge pages where the system leaves that to each program.
//
// Every 4 kB page of memory a process touches for the first time costs a
// page fault. On virtual machines, where CI runs and where kettudocs is
// measured, that fault is dear: 3 ms per MB on the 2-core VM of
// bench/README, so the 280 MB a 10,000-page build holds at its peak cost
// ~0.8 s of its ~8.5 s of CPU. A 2 MB huge page takes one fault for 512
// small ones: the same 300 MB cost 19 ms there.
//
// The Go runtime leaves huge pages to the system's setting. Under
// "always" the kernel uses them anyway; under "madvise", the default of
// Debian and Ubuntu, only for memory advised with madvise(MADV_HUGEPAGE),
// which the runtime no longer does for the heap. Prime does it: it
// allocates one large object, which the runtime maps fresh and does not
// touch, advises its memory, and frees it, so that the heap's next
// allocations, up to that size, land in advised memory. The memory is
// only reserved, never touched, and counts toward no limit until used.
//
// GODEBUG=disablethp=1, the runtime's own switch for huge pages, turns
// Prime off too, as does a limit on the address space or data (ulimit -v,
// ulimit -d), against which the reserve would count.
package hugeheap
