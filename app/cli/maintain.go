package cli

import (
	"context"
	"fmt"
	"strings"

	"csatdesk/data/store"
)

// runCompact is `csatdesk compact --db PATH`: store.Compact, with the
// sizes before and after.
func runCompact(env *Env, args []string) error {
	fs := flags(env, "compact")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	path, err := dbPath(*db)
	if err != nil {
		return err
	}
	rep, err := store.Compact(context.Background(), path, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Compacted %s: %s before, %s after (%s freed); %d responses, all checked\n",
		path, byteSize(rep.Before), byteSize(rep.After), byteSize(rep.Before-rep.After), rep.Responses)
	return nil
}

// dbPath is the --db value, or the default database when it is empty.
func dbPath(db string) (string, error) {
	if strings.TrimSpace(db) != "" {
		return db, nil
	}
	return store.DefaultPath()
}

// byteSize writes n bytes for people: "812 KB", "16.8 MB", "1.2 GB".
func byteSize(n int64) string {
	switch {
	case n < 0:
		return "-" + byteSize(-n)
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	default:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	}
}
