package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	// Digest schedules name IANA zones; embedding the database makes them
	// work on machines without one (Windows, slim containers).
	_ "time/tzdata"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/safetext"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode reports err on stderr and returns the process exit code: 0 on
// success or -h, 2 on usage errors, 1 on everything else.
func exitCode(err error, stderr interface{ Write([]byte) (int, error) }) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errs.Code(err) == errs.Usage:
		fmt.Fprintf(stderr, "crisisbot: %s\nRun 'crisisbot -h' for usage.\n", safetext.Strip(errs.Message(err)))
		return 2
	default:
		// Errors quote file names, URLs and servers' replies.
		fmt.Fprintf(stderr, "crisisbot: %s\n", safetext.Strip(err.Error()))
		return 1
	}
}
