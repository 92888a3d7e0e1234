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
		fmt.Fprintf(stderr, "crisisbot: %s\nRun 'crisisbot -h' for usage.\n", errs.Message(err))
		return 2
	case errs.Code(err) == errs.Internal:
		fmt.Fprintf(stderr, "crisisbot: %v\n", err)
		return 1
	default:
		fmt.Fprintf(stderr, "crisisbot: %s\n", err)
		return 1
	}
}
