package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Automatic backups.
//
// A backup is a consistent copy of the database (bbolt's Tx.WriteTo)
// compressed with gzip, in a backups folder (by default BackupDir, beside
// the database), named <name>-YYYYMMDD-HHMMSS[-label].db.gz after the
// database file's name and the local time it was made. The gzip header's
// comment holds what the backup holds — surveys, responses and the
// census hash of every bucket, key and value, read in the transaction the
// copy was made in — so a listing reads a few bytes of each file, and a
// check compares the decompressed copy with what the header promises.
//
// A backup is written to a temporary name (.csatdesk-backup-tmp-… in the folder), synced,
// decompressed again into a second temporary file which is opened
// read-only and checked (bbolt's check, the census equal to the
// source's), and only then renamed to its final name: a file with a
// backup's name is a whole, checked backup. Temporary files a killed run
// left are removed by the next one. Old automatic backups are removed by
// Rotate's rule; labelled ones (LabelBeforeRestore) are kept.

// backupExt ends every backup's file name.
const backupExt = ".db.gz"

// backupTmpPrefix starts the names of a backup's temporary files.
const backupTmpPrefix = ".csatdesk-backup-tmp-"

// backupComment starts the gzip comment of a backup.
const backupComment = "csatdesk-backup 1"

// LabelBeforeRestore labels the backup a restore makes of the database it
// replaces; such backups are not rotated away.
const LabelBeforeRestore = "before-restore"

// ErrBackupBroken means a backup did not pass its check: the copy written
// differs from the database, or a backup file's contents differ from what
// its header says.
var ErrBackupBroken = errors.New("the backup failed its check")

// BackupInfo describes one backup file.
type BackupInfo struct {
	// Path is the backup's file.
	Path string
	// Time is when it was made.
	Time time.Time
	// Size is the file's size in bytes.
	Size int64
	// Surveys and Responses are what it holds.
	Surveys   int
	Responses uint64
	// Label is "" for an automatic backup, or e.g. LabelBeforeRestore.
	Label string
	// sum is the census hash of its contents (hex).
	sum string
}

// Retention says how many backups Rotate keeps: the newest of each of the
// last Daily days, Weekly ISO weeks and Monthly months that have backups.
type Retention struct {
	Daily, Weekly, Monthly int
}

// DefaultRetention keeps 7 daily, 4 weekly and 12 monthly backups.
var DefaultRetention = Retention{Daily: 7, Weekly: 4, Monthly: 12}

// BackupOptions are the options of BackupInto.
type BackupOptions struct {
	// Label is added to the file name ("" for an automatic backup).
	Label string
	// Now is the backup's time (zero: time.Now()).
	Now time.Time
	// SkipUnchanged makes no new backup when the newest one in the folder
	// holds exactly what the database holds now.
	SkipUnchanged bool
	// Keep is the rotation rule applied after the backup (zero:
	// DefaultRetention).
	Keep Retention
	// Progress, if not nil, gets the part done (0 to 1).
	Progress func(float64)
}

// BackupResult tells what BackupInto did.
type BackupResult struct {
	// Backup is the backup made, or the newest one when Skipped.
	Backup BackupInfo
	// Skipped is true when the database had not changed since Backup.
	Skipped bool
	// Removed lists the old backups rotated away.
	Removed []string
}

// BackupDir is the default backups folder of the database at dbPath:
// <folder of the database>/<name>-backups.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), backupBase(dbPath)+"-backups")
}

// backupBase is the database file's name without its extension.
func backupBase(dbPath string) string {
	b := filepath.Base(dbPath)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// BackupInto makes a checked, compressed backup of the store in dir
// (created if missing) and rotates the automatic backups there. See the
// comment at the top of this file. ctx cancels it; nothing is left of a
// cancelled or failed backup.
func (s *Store) BackupInto(ctx context.Context, dir string, opt BackupOptions) (BackupResult, error) {
	var res BackupResult
	fail := func(err error) (BackupResult, error) {
		return res, fmt.Errorf("back up %s into %s: %w", s.path, dir, err)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Keep == (Retention{}) {
		opt.Keep = DefaultRetention
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(float64) {}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fail(err)
	}
	unlock, locked, err := lockFolder(dir)
	if err != nil {
		return fail(err)
	}
	defer unlock()
	cleanTemps(dir, locked)
	var newest *BackupInfo
	if opt.SkipUnchanged {
		if list, err := ListBackups(dir, s.path); err == nil && len(list) > 0 {
			newest = &list[0]
		}
	}

	f, err := os.CreateTemp(dir, backupTmpPrefix+"*"+backupExt)
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	var info BackupInfo
	err = s.view(func(tx *bolt.Tx) error {
		var err error
		if info, err = holdings(tx); err != nil {
			return err
		}
		info.Time, info.Label = opt.Now, opt.Label
		if newest != nil && newest.sum == info.sum && newest.Surveys == info.Surveys && newest.Responses == info.Responses {
			return errUnchanged
		}
		progress(0.1)
		zw, err := gzip.NewWriterLevel(f, gzip.BestSpeed)
		if err != nil {
			return err
		}
		zw.Name = filepath.Base(s.path)
		zw.ModTime = opt.Now
		zw.Comment = info.comment()
		size := tx.Size()
		w := &progressWriter{ctx: ctx, w: zw, report: func(n int64) {
			progress(0.1 + 0.6*min(1, float64(n)/float64(max(size, 1))))
		}}
		if _, err := tx.WriteTo(w); err != nil {
			return err
		}
		return zw.Close()
	})
	if errors.Is(err, errUnchanged) {
		_ = f.Close()
		res.Backup, res.Skipped = *newest, true
		return res, nil
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(err)
	}
	progress(0.7)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if _, err := verifyBackup(tmp, dir); err != nil {
		return fail(err)
	}
	progress(0.95)
	final := filepath.Join(dir, backupName(s.path, opt.Now, opt.Label))
	for i := 2; ; i++ { // two backups in one second
		if _, err := os.Lstat(final); errors.Is(err, os.ErrNotExist) {
			break
		}
		final = filepath.Join(dir, backupName(s.path, opt.Now, opt.Label+"-"+strconv.Itoa(i)))
	}
	if err := os.Rename(tmp, final); err != nil {
		return fail(err)
	}
	syncDir(dir)
	info.Path = final
	if fi, err := os.Stat(final); err == nil {
		info.Size = fi.Size()
	}
	res.Backup = info
	res.Removed, err = rotateFolder(dir, s.path, opt.Keep)
	if err != nil {
		return res, fmt.Errorf("back up %s: the backup %s is made, but old backups could not be removed: %w", s.path, final, err)
	}
	progress(1)
	return res, nil
}

// holdings is what the database holds as tx sees it: its surveys, its
// responses and its census hash.
func holdings(tx *bolt.Tx) (BackupInfo, error) {
	var h BackupInfo
	c, err := censusOf(tx)
	if err != nil {
		return h, err
	}
	h.Responses, h.sum = c.responses, hex.EncodeToString(c.sum[:])
	if b := tx.Bucket(bucketSurveys); b != nil {
		h.Surveys = b.Stats().KeyN
	}
	return h, nil
}

// errUnchanged stops a backup whose database did not change.
var errUnchanged = errors.New("unchanged")

// progressWriter passes writes on to w, reporting the bytes written and
// stopping once ctx is done.
type progressWriter struct {
	ctx    context.Context
	w      io.Writer
	n      int64
	report func(int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.w.Write(b)
	p.n += int64(n)
	p.report(p.n)
	return n, err
}

// backupName is the file name of a backup of dbPath made at t.
func backupName(dbPath string, t time.Time, label string) string {
	name := backupBase(dbPath) + "-" + t.Format("20060102-150405")
	if label != "" {
		name += "-" + label
	}
	return name + backupExt
}

// comment is the gzip comment that describes the backup.
func (b BackupInfo) comment() string {
	return fmt.Sprintf("%s surveys=%d responses=%d sha256=%s", backupComment, b.Surveys, b.Responses, b.sum)
}

// parseComment reads what a backup's gzip comment says into b.
func (b *BackupInfo) parseComment(c string) error {
	rest, ok := strings.CutPrefix(c, backupComment+" ")
	if !ok {
		return fmt.Errorf("not a CSAT Desk backup: %w", ErrCorrupt)
	}
	for _, f := range strings.Fields(rest) {
		k, v, _ := strings.Cut(f, "=")
		var err error
		switch k {
		case "surveys":
			b.Surveys, err = strconv.Atoi(v)
		case "responses":
			b.Responses, err = strconv.ParseUint(v, 10, 64)
		case "sha256":
			b.sum = v
		}
		if err != nil {
			return fmt.Errorf("backup header %q: %w", f, ErrCorrupt)
		}
	}
	if b.sum == "" {
		return fmt.Errorf("backup header without a check sum: %w", ErrCorrupt)
	}
	return nil
}

// readBackupHeader reads the backup's gzip header (not its contents).
func readBackupHeader(path string) (BackupInfo, error) {
	info := BackupInfo{Path: path}
	f, err := os.Open(path)
	if err != nil {
		return info, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return info, err
	}
	info.Size = fi.Size()
	zr, err := gzip.NewReader(bufio.NewReaderSize(f, 512))
	if err != nil {
		return info, fmt.Errorf("%s: %w (%v)", path, ErrCorrupt, err)
	}
	info.Time = zr.ModTime
	if err := info.parseComment(zr.Comment); err != nil {
		return info, fmt.Errorf("%s: %w", path, err)
	}
	return info, nil
}

// IsBackupFile reports whether path is a compressed backup (by its first
// bytes), as opposed to a plain database file.
func IsBackupFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [2]byte
	_, err = io.ReadFull(f, magic[:])
	return err == nil && magic == [2]byte{0x1f, 0x8b}
}

// ListBackups returns the backups of the database at dbPath in dir,
// newest first, reading only their headers. Files of other databases and
// temporary files are left out; a file with a backup's name whose header
// cannot be read is listed with what its name and size tell and an error
// joined to the result. A missing folder has no backups.
func ListBackups(dir, dbPath string) ([]BackupInfo, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list the backups in %s: %w", dir, err)
	}
	base := backupBase(dbPath) + "-"
	var list []BackupInfo
	var errs []error
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, base) || !strings.HasSuffix(name, backupExt) {
			continue
		}
		stamp := strings.TrimSuffix(strings.TrimPrefix(name, base), backupExt)
		when, label, ok := parseStamp(stamp)
		if !ok {
			continue // another database's, named base-something
		}
		info, err := readBackupHeader(filepath.Join(dir, name))
		if err != nil {
			errs = append(errs, err)
			info.Time = when
		}
		info.Label = label
		list = append(list, info)
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Time.After(list[j].Time) })
	return list, errors.Join(errs...)
}

// parseStamp splits YYYYMMDD-HHMMSS[-label] of a backup's name.
func parseStamp(s string) (time.Time, string, bool) {
	const layout = "20060102-150405"
	if len(s) < len(layout) {
		return time.Time{}, "", false
	}
	t, err := time.ParseInLocation(layout, s[:len(layout)], time.Local)
	if err != nil {
		return time.Time{}, "", false
	}
	label := strings.TrimPrefix(s[len(layout):], "-")
	if s[len(layout):] != "" && !strings.HasPrefix(s[len(layout):], "-") {
		return time.Time{}, "", false
	}
	// "-2" (a second backup in the same second) is no label.
	if _, err := strconv.Atoi(label); err == nil {
		label = ""
	} else if i := strings.LastIndex(label, "-"); i >= 0 {
		if _, err := strconv.Atoi(label[i+1:]); err == nil {
			label = label[:i]
		}
	}
	return t, label, true
}

// VerifyBackup checks the backup file at path: it is decompressed into a
// temporary file beside it, opened read-only, checked with bbolt's check,
// and its surveys, responses and census hash compared with its header.
// The temporary file is removed.
func VerifyBackup(path string) (BackupInfo, error) {
	info, err := verifyBackup(path, filepath.Dir(path))
	if err != nil {
		return info, fmt.Errorf("check the backup %s: %w", path, err)
	}
	return info, nil
}

// verifyBackup is VerifyBackup with the temporary file in dir.
func verifyBackup(path, dir string) (BackupInfo, error) {
	info, err := readBackupHeader(path)
	if err != nil {
		return info, err
	}
	f, err := os.CreateTemp(dir, backupTmpPrefix+"verify-*.db")
	if err != nil {
		return info, err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	err = decompressTo(path, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return info, err
	}
	if err := checkAgainst(tmp, info); err != nil {
		return info, err
	}
	return info, nil
}

// decompressTo writes the decompressed backup at path to w.
func decompressTo(path string, w io.Writer) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	zr, err := gzip.NewReader(bufio.NewReader(in))
	if err != nil {
		return fmt.Errorf("%w: %w (%v)", ErrBackupBroken, ErrCorrupt, err)
	}
	zr.Multistream(false)
	if _, err := io.Copy(w, zr); err != nil {
		return fmt.Errorf("%w: %w (%v)", ErrBackupBroken, ErrCorrupt, err)
	}
	return nil
}

// checkAgainst opens the database file at path read-only and checks it
// against what info says it holds: bbolt's check, the surveys and
// responses counted and the census hash.
func checkAgainst(path string, info BackupInfo) error {
	// At bbolt's level, not Open's: a backup of an older schema is
	// checked all the same (Open read-only refuses it).
	fi, err := os.Stat(path)
	if err == nil {
		err = checkTruncated(path, fi.Size())
	}
	var db *bolt.DB
	if err == nil {
		db, err = openBolt(path, true, DefaultTimeout)
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBackupBroken, err)
	}
	st := &Store{db: db, path: path, readOnly: true}
	defer st.Close()
	if err := st.Check(); err != nil {
		return fmt.Errorf("%w: %w", ErrBackupBroken, err)
	}
	var got BackupInfo
	err = st.view(func(tx *bolt.Tx) error {
		var err error
		got, err = holdings(tx)
		return err
	})
	switch {
	case err != nil:
		return fmt.Errorf("%w: %w", ErrBackupBroken, err)
	case got.Surveys != info.Surveys || got.Responses != info.Responses:
		return fmt.Errorf("%w: it holds %d surveys and %d responses, not %d and %d", ErrBackupBroken,
			got.Surveys, got.Responses, info.Surveys, info.Responses)
	case got.sum != info.sum:
		return fmt.Errorf("%w: its contents differ from the database's", ErrBackupBroken)
	}
	return nil
}

// cleanTemps removes the temporary files of killed backups in dir: all of
// them when the folder is locked by this backup, else those older than
// an hour.
func cleanTemps(dir string, locked bool) {
	left, _ := filepath.Glob(filepath.Join(dir, backupTmpPrefix+"*"))
	for _, p := range left {
		if fi, err := os.Stat(p); err == nil && (locked || time.Since(fi.ModTime()) > time.Hour) {
			_ = os.Remove(p)
		}
	}
}

// rotateFolder removes the automatic backups of dbPath in dir that keep
// does not keep, and returns their paths.
func rotateFolder(dir, dbPath string, keep Retention) ([]string, error) {
	list, err := ListBackups(dir, dbPath)
	if err != nil {
		return nil, err
	}
	var auto []BackupInfo
	for _, b := range list {
		if b.Label == "" {
			auto = append(auto, b)
		}
	}
	times := make([]time.Time, len(auto))
	for i, b := range auto {
		times[i] = b.Time.Local()
	}
	var removed []string
	var errs []error
	for i, k := range Rotate(times, keep) {
		if !k {
			if err := os.Remove(auto[i].Path); err != nil {
				errs = append(errs, err)
				continue
			}
			removed = append(removed, auto[i].Path)
		}
	}
	return removed, errors.Join(errs...)
}

// Rotate says which of the backups made at times to keep (keep[i] for
// times[i]): for each of the rules the newest backup of each of the last
// r.Daily days, r.Weekly ISO weeks and r.Monthly months that have a
// backup, in the times' own zones. The newest backup is always kept.
func Rotate(times []time.Time, r Retention) []bool {
	keep := make([]bool, len(times))
	order := make([]int, len(times))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return times[order[a]].After(times[order[b]]) })
	rule := func(n int, period func(time.Time) [2]int) {
		seen := map[[2]int]bool{}
		for _, i := range order {
			p := period(times[i])
			if seen[p] {
				continue
			}
			if len(seen) == n {
				return
			}
			seen[p] = true
			keep[i] = true
		}
	}
	rule(r.Daily, func(t time.Time) [2]int { return [2]int{t.Year(), t.YearDay()} })
	rule(r.Weekly, func(t time.Time) [2]int { y, w := t.ISOWeek(); return [2]int{y, w} })
	rule(r.Monthly, func(t time.Time) [2]int { return [2]int{t.Year(), int(t.Month())} })
	if len(order) > 0 {
		keep[order[0]] = true
	}
	return keep
}

// BackupPlain writes a consistent, uncompressed copy of the database to
// path (a database file that opens as it is) and checks it before it
// takes the name: the temporary copy beside path is opened read-only,
// passes bbolt's check and holds the surveys, responses and census hash
// read in the transaction the copy was made in. A damaged database or a
// copy that differs gives an error wrapping ErrBackupBroken (or
// ErrCorrupt) and leaves nothing at path. The temporary files of killed
// backups to path (.<name>.tmp…) are removed first.
func (s *Store) BackupPlain(path string) (BackupInfo, error) {
	info := BackupInfo{Path: path, Time: time.Now()}
	fail := func(err error) (BackupInfo, error) {
		return info, fmt.Errorf("back up to %s: %w", path, err)
	}
	if absOr(path) == absOr(s.path) {
		return fail(errors.New("that is the open database itself"))
	}
	// What a killed backup to the same path left.
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp*"))
	for _, p := range left {
		_ = os.Remove(p)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	err = s.view(func(tx *bolt.Tx) error {
		h, err := holdings(tx)
		if err != nil {
			return err
		}
		info.Surveys, info.Responses, info.sum = h.Surveys, h.Responses, h.sum
		_, err = tx.WriteTo(f)
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o600)
	}
	if err == nil {
		err = checkAgainst(tmp, info)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		return fail(err)
	}
	syncDir(filepath.Dir(path))
	if fi, err := os.Stat(path); err == nil {
		info.Size = fi.Size()
	}
	return info, nil
}
