package hugeheap

import "testing"

func TestSize(t *testing.T) {
	const gb = 1 << 30
	for _, tt := range []struct {
		name, mode, overcommit, godebug string
		limited                         bool
		memory                          uint64
		want                            uint64
	}{
		{"madvise", "always [madvise] never\n", "0\n", "", false, 8 * gb, 2 * gb},
		{"capped", "always [madvise] never\n", "0\n", "", false, 64 * gb, 4 * gb},
		{"heuristic overcommit off", "always [madvise] never\n", "1\n", "", false, 8 * gb, 2 * gb},
		{"always: the kernel does it", "[always] madvise never\n", "0\n", "", false, 8 * gb, 0},
		{"never", "always madvise [never]\n", "0\n", "", false, 8 * gb, 0},
		{"no THP in the kernel", "", "0\n", "", false, 8 * gb, 0},
		{"strict overcommit", "always [madvise] never\n", "2\n", "", false, 8 * gb, 0},
		{"GODEBUG disablethp", "always [madvise] never\n", "0\n", "disablethp=1", false, 8 * gb, 0},
		{"GODEBUG disablethp among others", "always [madvise] never\n", "0\n", "madvdontneed=1, disablethp=1", false, 8 * gb, 0},
		{"GODEBUG disablethp=0", "always [madvise] never\n", "0\n", "disablethp=0", false, 8 * gb, 2 * gb},
		{"ulimit -v or -d", "always [madvise] never\n", "0\n", "", true, 8 * gb, 0},
		{"GODEBUG other", "always [madvise] never\n", "0\n", "gctrace=1", false, 8 * gb, 2 * gb},
	} {
		if got := size(tt.mode, tt.overcommit, tt.godebug, tt.limited, tt.memory, 4*gb); got != tt.want {
			t.Errorf("%s: size = %d, want %d", tt.name, got, tt.want)
		}
	}
}
