package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/crisisbot/crisisbot/errs"
)

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "", "Print the module version and the VCS revision the binary was built from.")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "version takes no arguments, got %q", args)
	}
	fmt.Fprintln(e.stdout, "crisisbot "+e.version())
	return nil
}

// version describes the running binary from the build information that
// e.buildInfo returns (debug.ReadBuildInfo outside tests).
func (e *env) version() string {
	read := e.buildInfo
	if read == nil {
		read = debug.ReadBuildInfo
	}
	info, ok := read()
	if !ok || info == nil {
		return "unknown (no build information in the binary)"
	}
	return versionText(info)
}

// versionText is the module version, then what the build recorded of its
// source: "v1.2.0 (revision 0b7bde6abcd1, modified, committed 2026-12-06
// 10:30 UTC; go1.26.8)". "go run" and builds outside a Git checkout
// record no revision, and the text says so rather than show "(devel)"
// alone.
func versionText(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified, at string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		case "vcs.time":
			at = s.Value
		}
	}
	var parts []string
	if rev == "" {
		parts = append(parts, "no VCS revision recorded: built by go run, outside a Git checkout, or with -buildvcs=false")
	} else {
		parts = append(parts, "revision "+rev[:min(len(rev), 12)])
		if modified == "true" {
			parts = append(parts, "modified")
		}
		if t, err := time.Parse(time.RFC3339, at); err == nil {
			parts = append(parts, "committed "+t.UTC().Format("2006-01-02 15:04 UTC"))
		}
	}
	detail := strings.Join(parts, ", ")
	if info.GoVersion != "" {
		detail += "; " + info.GoVersion
	}
	return v + " (" + detail + ")"
}
