package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/config"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/safetext"
)

// env carries what every command gets from the process: its streams and
// environment, and the global flags.
type env struct {
	getenv     func(string) string
	stdin      io.Reader
	stdout     io.Writer
	stderr     io.Writer
	configPath string
	dataDir    string
	// command is the command line being run, recorded as the data
	// directory's holder so that a process that must wait can name it.
	command string
	// clock is the only source of time for what runs on a schedule
	// (feeds, digests, limits), for ingest times and for the progress
	// line; tests pass a fake one.
	clock answer.Clock
	// buildInfo is debug.ReadBuildInfo; tests pass the build they describe.
	buildInfo func() (*debug.BuildInfo, bool)
	// loaded is the config last read by loadConfig, for loadedFrom (its
	// path and data directory): a command asks for it more than once.
	loaded     *config.Config
	loadedFrom string
}

// command is one subcommand. run gets the arguments after the command name.
type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"ask":      {"answer a question with citations", runAsk},
		"search":   {"show the passages a query retrieves", runSearch},
		"ingest":   {"add articles from files, directories or URLs", runIngest},
		"sources":  {"list the stored articles", runSources},
		"remove":   {"remove stored articles by id", runRemove},
		"eval":     {"run the evaluation set and print its figures", runEval},
		"timeline": {"the dated chain of events, with disagreements shown", runTimeline},
		"digest":   {"print the digest the bot would post", runDigest},
		"chat":     {"talk to the bot in the terminal, as on Discord", runChat},
		"serve":    {"run the Discord bot", runServe},
		"feedback": {"list the 👍/👎 votes on the bot's answers", runFeedback},
		"version":  {"print the version and the revision it was built from", runVersion},
		"check":    {"verify the data directory's store", runCheck},
		"backup":   {"write a consistent copy of the store to a file", runBackup},
	}
}

// run is the whole program: main only wires the process to it, so tests run
// exactly what users run.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runEnv(ctx, &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, clock: answer.RealClock{}, buildInfo: debug.ReadBuildInfo}, args)
}

// runEnv is run over a prepared env; tests give it a fake clock.
func runEnv(ctx context.Context, e *env, args []string) error {
	// Articles, the model and users all reach stdout: none of them may
	// send the terminal escape sequences.
	e.stdout = safetext.NewWriter(e.stdout)
	getenv, stderr := e.getenv, e.stderr
	fs := flag.NewFlagSet("crisisbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&e.configPath, "config", getenv("CRISISBOT_CONFIG"), "YAML config `file` (default $CRISISBOT_CONFIG; none means the offline default)")
	fs.StringVar(&e.dataDir, "data-dir", "", "data `directory` (overrides data_dir in the config; default ./data, relative to the working directory)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	cmds := commands()
	usageOut := stderr // "crisisbot help" prints it where it was asked for
	fs.Usage = func() {
		stderr := usageOut
		fs.SetOutput(usageOut)
		fmt.Fprint(stderr, "Usage: crisisbot [--config FILE] [--data-dir DIR] COMMAND [flags] [args]\n       crisisbot --version\n\nCommands:\n")
		names := make([]string, 0, len(cmds))
		for name := range cmds {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			fmt.Fprintf(stderr, "  %-9s %s\n", name, cmds[name].summary)
		}
		fmt.Fprint(stderr, "\nGlobal flags:\n")
		fs.PrintDefaults()
		fmt.Fprint(stderr, "\nRun 'crisisbot help COMMAND' or 'crisisbot COMMAND -h' for a command's flags.\n")
	}
	if len(args) > 0 {
		args = args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if *showVersion {
		return runVersion(ctx, e, fs.Args())
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errs.Errorf(errs.Usage, "no command given")
	}
	name := fs.Arg(0)
	if name == "help" {
		// "crisisbot help [COMMAND]", as go and its tools have it: the
		// usage on stdout, and success.
		switch fs.NArg() {
		case 1:
			usageOut = e.stdout
			fs.Usage()
			return nil
		case 2:
			if c, ok := cmds[fs.Arg(1)]; ok {
				e.stderr = e.stdout
				return c.run(ctx, e, []string{"-h"})
			}
			return errs.Errorf(errs.Usage, "help: unknown command %q", fs.Arg(1))
		}
		return errs.Errorf(errs.Usage, "help takes at most one command")
	}
	cmd, ok := cmds[name]
	if !ok {
		return errs.Errorf(errs.Usage, "unknown command %q", name)
	}
	e.command = holderCommand(fs.Args())
	return cmd.run(ctx, e, fs.Args()[1:])
}

// holderCommand is "crisisbot " and the command line, bounded: a question
// can be long.
func holderCommand(args []string) string {
	c := "crisisbot " + strings.Join(args, " ")
	if r := []rune(c); len(r) > 120 {
		c = string(r[:119]) + "…"
	}
	return c
}

// newFlags returns a FlagSet for a subcommand whose usage line names it.
func newFlags(e *env, name, argsUsage, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	// The global flags may follow the command too ("ask --data-dir DIR …"),
	// as users type them.
	fs.StringVar(&e.configPath, "config", e.configPath, "YAML config `file`; a global flag, also allowed before the command")
	fs.StringVar(&e.dataDir, "data-dir", e.dataDir, "data `directory`; a global flag, also allowed before the command")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: crisisbot %s [flags] %s\n\n%s\n", name, argsUsage, summary)
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprint(e.stderr, "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseArgs parses fs's flags wherever they stand among the arguments, so
// that "ask QUESTION --json" works as users expect, and returns the
// positional arguments. "--" ends the flags.
// flagSet reports whether the flag name was given on the command line,
// even as an empty value.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		// "-5 degrees" in a question is a word, not a flag.
		if len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && args[0][1] >= '0' && args[0][1] <= '9' {
			pos = append(pos, args[0])
			args = args[1:]
			continue
		}
		if err := fs.Parse(args); err != nil {
			return nil, usageErr(err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageErr turns a flag parse error into a usage error; -h passes through.
func usageErr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return errs.Wrap(errs.Usage, err, "bad flags")
}

// loadConfig reads the config and applies the global flags over it.
func (e *env) loadConfig() (config.Config, error) {
	from := e.configPath + "\x00" + e.dataDir
	if e.loaded != nil && e.loadedFrom == from {
		return *e.loaded, nil
	}
	cfg, err := config.Load(e.configPath)
	if err != nil {
		return cfg, err
	}
	if e.dataDir != "" {
		cfg.DataDir = e.dataDir
	}
	e.loaded, e.loadedFrom = &cfg, from
	return cfg, nil
}

// joinArgs joins the remaining arguments into one question or query.
func joinArgs(args []string) string {
	return strings.TrimSpace(strings.Join(args, " "))
}
