package hugeheap

import (
	"strings"
)

// size returns how much of the heap Prime advises, 0 for none: a quarter
// of the machine's memory, at most max, when THP mode (the content of
// /sys/kernel/mm/transparent_hugepage/enabled) is "madvise", overcommit
// (of /proc/sys/vm/overcommit_memory) is not strict, and godebug (the
// GODEBUG variable) does not disable huge pages, and no limit is set on
// the process's address space or data (limited: ulimit -v or -d).
//
// A quarter of the memory is reserved, not used: Linux's heuristic
// overcommit refuses only a single mapping larger than memory and swap.
// Strict accounting would count it all, and a heap the runtime cannot map
// is fatal, so Prime does nothing then, nor under a limit on the address
// space or on data (which counts private mappings since Linux 4.7): the
// reserve would count against it, and a limit that held the program's
// heap would fail on the reserve.
func size(mode, overcommit, godebug string, limited bool, memory, max uint64) uint64 {
	if limited || !strings.Contains(mode, "[madvise]") || strings.TrimSpace(overcommit) == "2" {
		return 0
	}
	for _, kv := range strings.Split(godebug, ",") {
		if k, v, _ := strings.Cut(kv, "="); strings.TrimSpace(k) == "disablethp" && v != "0" {
			return 0
		}
	}
	return min(memory/4, max)
}
