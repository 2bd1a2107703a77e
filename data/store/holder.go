package store

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// The holder record: the process that holds a database open for writing
// (the window, a long command-line run) writes a small JSON file beside it
// once it has the lock, ".<name>.holder", and removes it when it closes.
// Another process that finds the file locked reads it to say who holds it
// ("The CSAT Desk window (process 1234, since 10:02) has this database
// open") and, when the holder serves read-only commands, where to ask it
// (Holder.Socket). A record whose process is gone (a kill) is stale and
// ignored; the next holder writes over it.

// Holder describes the process that holds a database open for writing.
type Holder struct {
	// PID is the holder's process ID.
	PID int `json:"pid"`
	// What says what holds it, for people: "the CSAT Desk window", "an
	// import from the command line", "rollback of an interrupted import".
	What string `json:"what"`
	// Since is when it took the database.
	Since time.Time `json:"since"`
	// Socket, when set, is the local socket on which the holder runs
	// read-only commands against its open database (app/cli's Serve).
	Socket string `json:"socket,omitempty"`
}

// Holder texts Open writes when Options.Holder is empty, and while it rolls
// back an interrupted import.
const (
	HolderDefault  = "another CSAT Desk program"
	holderRollback = "rollback of an interrupted import"
)

// HolderPath is the holder record of the database at path.
func HolderPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".holder")
}

// HolderOf returns the holder record of the database at path; ok is false
// when there is none, it cannot be read, or its process is gone.
func HolderOf(path string) (h Holder, ok bool) {
	b, err := os.ReadFile(HolderPath(path))
	if err != nil || json.Unmarshal(b, &h) != nil || h.PID <= 0 {
		return Holder{}, false
	}
	if h.PID != os.Getpid() && !ProcessAlive(h.PID) {
		return Holder{}, false
	}
	return h, true
}

// writeHolder records this process as the holder of the store's file.
// A folder that cannot be written to only loses the record.
func (s *Store) writeHolder(what string) {
	if what == "" {
		what = HolderDefault
	}
	s.holder = Holder{PID: os.Getpid(), What: what, Since: time.Now(), Socket: s.holder.Socket}
	s.putHolder()
}

func (s *Store) putHolder() {
	b, err := json.Marshal(s.holder)
	if err != nil {
		return
	}
	p := HolderPath(s.path)
	tmp := p + ".tmp-" + fmt.Sprint(os.Getpid()) // RemoveStaleTemps' naming
	if os.WriteFile(tmp, b, 0o600) == nil {
		if os.Rename(tmp, p) != nil {
			_ = os.Remove(tmp)
		}
	}
}

// SetServing records in the holder record the socket on which this
// process serves read-only commands ("" when it stops).
func (s *Store) SetServing(socket string) {
	if s.readOnly || s.owner != nil {
		return
	}
	s.holder.Socket = socket
	s.putHolder()
}

// removeHolder removes the holder record if it is this process's.
func (s *Store) removeHolder() {
	if s.holder.PID == 0 {
		return
	}
	if h, ok := HolderOf(s.path); ok && h.PID == os.Getpid() {
		_ = os.Remove(HolderPath(s.path))
	}
	s.holder = Holder{}
}

// LockedError is ErrLocked with the holder of the database, when known.
type LockedError struct {
	// Path is the database file.
	Path string
	// Holder is who holds it; ok says whether that is known.
	Holder Holder
	Known  bool
}

// Error names the holder: "open PATH: CSAT Desk is already open on this
// database: the CSAT Desk window (process 1234, since 10:02) has it. Close
// it or use the window's File menu."
func (e *LockedError) Error() string {
	if !e.Known {
		return fmt.Sprintf("open %s: %v (another window or another user?)", e.Path, ErrLocked)
	}
	return fmt.Sprintf("open %s: %v: %s. %s", e.Path, ErrLocked, e.Who(), e.Hint())
}

// Who is the holder in words: "the CSAT Desk window (process 1234, since
// 10:02)".
func (e *LockedError) Who() string {
	return fmt.Sprintf("%s (process %d, since %s) has it", e.Holder.What, e.Holder.PID, e.Holder.Since.Local().Format("15:04"))
}

// Hint is what to do about it.
func (e *LockedError) Hint() string {
	if e.Holder.What == HolderWindow {
		return "Close it or use the window's File menu."
	}
	return "Wait for it to finish, or stop it."
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// HolderWindow is the holder text of the CSAT Desk window.
const HolderWindow = "the CSAT Desk window"

// lockedError is the error for path held by another process.
func lockedError(path string) error {
	h, ok := HolderOf(path)
	return &LockedError{Path: path, Holder: h, Known: ok}
}
