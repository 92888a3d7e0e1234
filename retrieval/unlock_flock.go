//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package retrieval

import (
	"os"
	"syscall"
)

// unlock releases bbolt's lock on f after a panic inside bolt.Open. Closing
// f is not enough: the memory map bbolt made holds the file, and with it
// the lock, open.
func unlock(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
