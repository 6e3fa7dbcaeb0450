// Package sysfile reads and writes whole files with as few system calls
// as the system allows: a big site's build reads and writes tens of
// thousands of them, and on Unix the os.File around a descriptor costs
// more calls than the reading or writing.
package sysfile

// Stat is what a build needs to know of a file it wrote or kept: whether
// it is still as it was left.
type Stat struct {
	Size    int64
	MTime   int64 // Unix nanoseconds
	Regular bool  // a regular file: no folder, link or device
}
