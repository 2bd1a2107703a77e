package cli

import (
	"context"
	"fmt"
	"strings"

	"csatdesk/data/store"
)

// autoBackup is `csatdesk backup --db PATH` without --out: a compressed,
// checked backup into the backups folder (dir, or the default beside the
// database), with the old ones rotated.
func autoBackup(env *Env, st *store.Store, dir string) error {
	if strings.TrimSpace(dir) == "" {
		dir = store.BackupDir(st.Path())
	}
	res, err := st.BackupInto(context.Background(), dir, store.BackupOptions{})
	if err != nil {
		return err
	}
	b := res.Backup
	fmt.Fprintf(env.Stdout, "Backed up %s to %s (%s): %s, checked\n",
		st.Path(), b.Path, byteSize(b.Size), surveysAndResponses(b.Surveys, int(b.Responses)))
	if len(res.Removed) > 0 {
		fmt.Fprintf(env.Stdout, "Removed %d old backups (7 daily, 4 weekly and 12 monthly are kept)\n", len(res.Removed))
	}
	return nil
}

// runBackups is `csatdesk backups --db PATH [--dir FOLDER] [--check]`:
// the backups in the folder, newest first, with their counts (read from
// each file's header); --check decompresses and checks each one.
func runBackups(env *Env, args []string) error {
	fs := flags(env, "backups")
	db := dbFlag(fs)
	dir := fs.String("dir", "", "backups folder (default: <database name>-backups beside the database)")
	check := fs.Bool("check", false, "decompress and check every backup")
	if err := parse(fs, args); err != nil {
		return err
	}
	path, err := dbPath(*db)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*dir) == "" {
		*dir = store.BackupDir(path)
	}
	list, lerr := store.ListBackups(*dir, path)
	if len(list) == 0 && lerr == nil {
		fmt.Fprintf(env.Stdout, "No backups in %s\n", *dir)
		return nil
	}
	bad := 0
	fmt.Fprintf(env.Stdout, "%-19s  %7s  %9s  %9s  %s\n", "made", "surveys", "responses", "size", "file")
	for _, b := range list {
		note := ""
		if b.Label != "" {
			note = " (" + b.Label + ")"
		}
		if *check {
			if _, err := store.VerifyBackup(b.Path); err != nil {
				bad++
				note += " DAMAGED: " + err.Error()
			} else {
				note += " checked"
			}
		}
		fmt.Fprintf(env.Stdout, "%-19s  %7d  %9d  %9s  %s%s\n", b.Time.Local().Format("2006-01-02 15:04:05"),
			b.Surveys, b.Responses, byteSize(b.Size), b.Path, note)
	}
	if lerr != nil {
		return lerr
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d backups failed their check", bad, len(list))
	}
	return nil
}
