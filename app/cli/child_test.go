package cli

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// envCLIChild holds the arguments, one a line, of the CLI command a kill
// test's child process runs.
const envCLIChild = "CSATDESK_CLI_CHILD"

// TestHelperCLIChild is the child process of the kill tests: it prints
// BEGIN, runs the command in envCLIChild, prints END. It does nothing in a
// normal run.
func TestHelperCLIChild(t *testing.T) {
	args := os.Getenv(envCLIChild)
	if args == "" {
		t.Skip("runs only as the child of a kill test")
	}
	os.Stdout.WriteString("BEGIN\n")
	if code := Run(&Env{Stdout: io.Discard, Stderr: os.Stderr}, strings.Split(args, "\n")); code != 0 {
		t.Fatalf("%s: exit %d", args, code)
	}
	os.Stdout.WriteString("END\n")
}

// cliChild runs the CLI command args in a child process and returns once
// it is about to start, with the child's output from there on.
func cliChild(t *testing.T, args ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCLIChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCLIChild+"="+strings.Join(args, "\n"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if sc.Text() == "BEGIN" {
			return cmd, sc
		}
	}
	_ = cmd.Wait()
	t.Fatalf("the child stopped before %s", args[0])
	return nil, nil
}

// cliChildTime runs args in a child to the end and returns how long the
// command took: the range a kill test draws its moments from.
func cliChildTime(t *testing.T, args ...string) time.Duration {
	t.Helper()
	cmd, sc := cliChild(t, args...)
	start := time.Now()
	for sc.Scan() && sc.Text() != "END" {
	}
	took := time.Since(start)
	for sc.Scan() {
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child %s: %v", args[0], err)
	}
	return took
}

// envSoakRuns, when set to a positive number, replaces the run count of
// every kill test: `make soak` sets it to run each one a thousand times.
const envSoakRuns = "CSATDESK_SOAK_RUNS"

// soakRuns is the number of kill runs a test makes: def normally, short
// under -short, and the envSoakRuns value when that is set.
func soakRuns(def, short int) int {
	if n, err := strconv.Atoi(os.Getenv(envSoakRuns)); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return short
	}
	return def
}
