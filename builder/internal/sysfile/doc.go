// Package sysfile reads and writes whole files with as few system calls
// as the system allows: a big site's build reads and writes tens of
// thousands of them, and on Unix the os.File around a descriptor costs
// more calls than the reading or writing.
package sysfile
