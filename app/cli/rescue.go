package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"csatdesk/data"
	"csatdesk/data/export"
	"csatdesk/data/store"
)

// rescueReport is the name of the report rescue writes beside the CSV
// files.
const rescueReport = "rescue-report.txt"

// runRescue is `csatdesk rescue --db PATH --out DIR`: store.Salvage, one
// CSV per survey it could read (as export writes them) and a report of
// what could not be read. The database is only read, never opened by
// bbolt nor written.
func runRescue(env *Env, args []string) error {
	fs := flags(env, "rescue")
	db := dbFlag(fs)
	out := fs.String("out", "", "the folder to write one CSV file per survey and "+rescueReport+" into")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return fmt.Errorf("--out is required: the folder to write the rescued surveys into")
	}
	path, err := dbPath(*db)
	if err != nil {
		return err
	}
	rep, err := Rescue(path, *out, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprint(env.Stdout, rep)
	return nil
}

// Rescue writes what store.Salvage reads of the database at path into the
// folder dir (made if missing): one CSV file per survey, named
// "<id>-<name>.csv", and rescue-report.txt saying what was rescued and
// what could not be read. It returns the report's text. The database is
// never written. The window's rescue uses it too.
func Rescue(path, dir string, now time.Time) (string, error) {
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("rescue %s: %w", path, err)
	}
	sal, err := store.Salvage(path)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("rescue into %s: %w", dir, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Rescued from %s on %s (the database was only read, not changed)\n\n", path, now.Format("2006-01-02 15:04"))
	total := 0
	for i := range sal.Surveys {
		ss := &sal.Surveys[i]
		name := fmt.Sprintf("%d-%s.csv", ss.Survey.ID, safeName(ss.Survey.Name))
		file := filepath.Join(dir, name)
		rs := ss.Responses
		each := func(fn func(data.Response) error) error {
			for _, r := range rs {
				if err := fn(r); err != nil {
					return err
				}
			}
			return nil
		}
		err := WriteFile(file, func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 1<<16)
			if _, err := export.WriteCSV(bw, &ss.Survey, rescueTags(rs), each); err != nil {
				return err
			}
			return bw.Flush()
		})
		if err != nil {
			return "", fmt.Errorf("rescue survey %d %q: %w", ss.Survey.ID, ss.Survey.Name, err)
		}
		total += len(rs)
		fmt.Fprintf(&b, "Survey %d %q: %d responses written to %s", ss.Survey.ID, ss.Survey.Name, len(rs), name)
		if ss.Unreadable > 0 {
			fmt.Fprintf(&b, "; %d responses could not be read", ss.Unreadable)
		}
		if ss.LeftOut > 0 {
			fmt.Fprintf(&b, "; %d responses of an import that never finished left out", ss.LeftOut)
		}
		b.WriteString("\n")
	}
	if len(sal.Surveys) == 0 {
		b.WriteString("No survey could be read.\n")
	}
	if len(sal.Problems) == 0 {
		b.WriteString("\nEvery page of the file could be read.\n")
	} else {
		fmt.Fprintf(&b, "\nWhat could not be read (%d):\n", len(sal.Problems))
		for _, p := range sal.Problems {
			fmt.Fprintf(&b, "  - %s\n", p)
		}
	}
	fmt.Fprintf(&b, "\n%d responses in %d surveys rescued into %s\n", total, len(sal.Surveys), dir)
	report := b.String()
	if err := WriteFile(filepath.Join(dir, rescueReport), func(w io.Writer) error {
		_, err := io.WriteString(w, report)
		return err
	}); err != nil {
		return "", err
	}
	return report, nil
}

// rescueTags lists the tag names of rs, sorted, the channel left out (it
// has a column of its own).
func rescueTags(rs []data.Response) []string {
	seen := map[string]bool{}
	for _, r := range rs {
		for k := range r.Tags {
			if k != data.ChannelSegment {
				seen[k] = true
			}
		}
	}
	tags := make([]string, 0, len(seen))
	for k := range seen {
		tags = append(tags, k)
	}
	sort.Strings(tags)
	return tags
}

// safeName makes a survey name usable in a file name on every system.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == ' ' {
			return r
		}
		return '_'
	}, s)
	s = strings.TrimSpace(s)
	if len([]rune(s)) > 60 {
		s = string([]rune(s)[:60])
	}
	if s == "" {
		s = "survey"
	}
	return s
}
