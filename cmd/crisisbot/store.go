package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/retrieval"
)

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "",
		"Verify the data directory's store without changing it: every page, bbolt's consistency\n"+
			"check, and crisisbot's own invariants. Exits 1 when it finds a problem.")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "check takes no arguments, got %q", args)
	}
	cfg, err := e.loadConfig()
	if err != nil {
		return err
	}
	rep, err := checkStore(ctx, cfg.DataDir)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(e.stdout, rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "%s: %s, %s, embedder %s\n", rep.File, plural(rep.Docs, "document"), plural(rep.Passages, "passage"), rep.Embedder)
		for _, p := range rep.Problems {
			fmt.Fprintf(e.stdout, "problem: %s\n", p)
		}
		for _, n := range rep.Notes {
			fmt.Fprintf(e.stdout, "note: %s\n", n)
		}
		if len(rep.Problems) == 0 {
			fmt.Fprintln(e.stdout, "ok")
		}
	}
	if len(rep.Problems) > 0 {
		return errs.Errorf(errs.Damaged, "%s has %s: restore the last backup ('crisisbot backup FILE' makes one), or move it aside to start over",
			rep.File, plural(len(rep.Problems), "problem"))
	}
	return nil
}

func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup", "FILE",
		"Write a consistent copy of the data directory's store (crisisbot.db) to FILE, checked\n"+
			"before it replaces FILE. To restore, stop crisisbot and copy FILE to DATA_DIR/crisisbot.db.\n"+
			"While serve runs, serve writes the copy.")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return errs.Errorf(errs.Usage, "backup needs one file to write, got %d arguments", len(args))
	}
	cfg, err := e.loadConfig()
	if err != nil {
		return err
	}
	n, err := backupStore(ctx, cfg.DataDir, args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s (%s)\n", cfg.DataDir, args[0], plural(int(n), "byte"))
	return nil
}

// checkStore checks dir's store: through serve when it holds the store,
// else read-only here.
func checkStore(ctx context.Context, dir string) (retrieval.CheckReport, error) {
	c, ok := dialAPI(ctx, dir)
	if !ok {
		return retrieval.CheckStore(dir, retrieval.DefaultLockTimeout)
	}
	defer c.Close()
	rep, err := c.Check(ctx)
	// Named as this process names it, which serve's --data-dir may not.
	rep.File = filepath.Join(dir, retrieval.DBFile)
	return rep, err
}

// backupStore copies dir's store to dest: through serve when it holds the
// store, else read-only here.
func backupStore(ctx context.Context, dir, dest string) (int64, error) {
	c, ok := dialAPI(ctx, dir)
	if !ok {
		return retrieval.BackupStore(dir, dest, retrieval.DefaultLockTimeout)
	}
	defer c.Close()
	abs, err := filepath.Abs(dest)
	if err != nil {
		return 0, fmt.Errorf("backup file %s: %w", dest, err)
	}
	return c.Backup(ctx, abs)
}
