//go:build linux || darwin || freebsd || openbsd || netbsd

package sysfile

import (
	"io/fs"
	"syscall"
)

// Write is os.WriteFile for the build's output, without the
// os.File around the descriptor: opening an os.File registers it with the
// runtime's poller, which for a regular file is four fcntl calls and a
// failing epoll_ctl — more system calls than writing a page takes, for
// each of a big site's tens of thousands of files.
func Write(name string, data []byte) (Stat, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return Stat{}, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := ignoringEINTR(func() (int, error) { return syscall.Write(fd, data) })
		if err != nil {
			syscall.Close(fd)
			return Stat{}, &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	// The time of the last write, which closing keeps: fstat on the
	// descriptor looks up no path, unlike a stat after closing.
	var st syscall.Stat_t
	serr := syscall.Fstat(fd, &st)
	if err := syscall.Close(fd); err != nil {
		return Stat{}, &fs.PathError{Op: "close", Path: name, Err: err}
	}
	if serr != nil {
		return Stat{}, &fs.PathError{Op: "stat", Path: name, Err: serr}
	}
	return statOf(&st), nil
}

// Lstat returns what lstat finds at path, without the fs.FileInfo that
// os.Lstat allocates: a rebuild that changed nothing looks at every
// file of the last build's output this way.
func Lstat(path string) (Stat, error) {
	var st syscall.Stat_t
	if _, err := ignoringEINTR(func() (int, error) { return 0, syscall.Lstat(path, &st) }); err != nil {
		return Stat{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
	}
	return statOf(&st), nil
}

func statOf(st *syscall.Stat_t) Stat {
	return Stat{
		Size:    st.Size,
		MTime:   mtime(st),
		Regular: st.Mode&syscall.S_IFMT == syscall.S_IFREG,
	}
}

// Read returns the content of the file at path, as os.ReadFile does,
// without the os.File around the descriptor (see Write). Errors name
// the file as name.
func Read(path, name string) ([]byte, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return nil, &fs.PathError{Op: "read", Path: name, Err: syscall.EISDIR}
	}
	data := make([]byte, 0, st.Size+1) // +1: room to see that the file grew
	for {
		n, err := ignoringEINTR(func() (int, error) { return syscall.Read(fd, data[len(data):cap(data)]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if st.Mode&syscall.S_IFMT == syscall.S_IFREG && st.Size > 0 && int64(len(data)) == st.Size {
			// All the size said: no read to find the end, one system
			// call a page fewer. A file still being written may come
			// short, as with any read that races its writer.
			return data, nil
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew: room for more
		}
	}
}

func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}

// Map returns the contents of the file at path mapped into memory, not
// read: a file the page cache holds then costs neither a copy nor memory
// new to the process, which on a virtual machine that backs its memory
// on first use cost more than reading it (15 MB: 25 to 50 ms read, 5 ms
// mapped). The bytes may be changed, privately, and are valid until
// unmap is called. A file cut short while mapped faults its reader: map
// only files that nothing rewrites in place.
func Map(path string) (data []byte, unmap func() error, err error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Size == 0 || int64(int(st.Size)) != st.Size {
		data, err := Read(path, path) // nothing to map, or too much for this address space
		return data, func() error { return nil }, err
	}
	data, err = syscall.Mmap(fd, 0, int(st.Size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
	if err != nil {
		return nil, nil, &fs.PathError{Op: "mmap", Path: path, Err: err}
	}
	return data, func() error { return syscall.Munmap(data) }, nil
}
