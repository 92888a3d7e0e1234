//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package retrieval

import "os"

// unlock does nothing where bbolt does not lock with flock; closing the
// file is what can be done.
func unlock(*os.File) {}
