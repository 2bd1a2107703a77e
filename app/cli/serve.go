package cli

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"csatdesk/data/store"
)

// Serving read-only commands while a database is held open.
//
// bbolt locks the database file for the one process that writes it, and a
// read-only open needs a shared lock, so while the window has a database
// open no other process can read it. The process that holds it (the
// window) therefore runs read-only commands for others: Serve listens on a
// local socket — a unix socket, 0600, in a folder only the user can open
// (0700, checked; Windows 10 and later have AF_UNIX too) — and records it
// in the holder record beside the database (store.Holder). A command that
// finds the database locked (Run) and only reads it (surveys, summary,
// export, chart, report, form, backup, check, import --dry-run) connects there and the
// holder runs it against its open store (store.Borrow: read-only, the
// same transactions) and streams back its standard output, standard error
// and exit status. Anything else gets a message naming the holder.
//
// The protocol: the client sends one JSON line {"args": [...]}, file
// arguments made absolute (the server's working folder is not the
// client's); the server answers with frames of one kind byte ('o' standard
// output, 'e' standard error, 'x' exit status), a big-endian uint32 length
// and the bytes; 'x' carries the status as a big-endian uint32 and ends
// the answer.

// servable lists the commands the holder runs for others: those that only
// read the database (import only as a dry run).
var servable = map[string]bool{"surveys": true, "summary": true, "export": true, "chart": true, "report": true, "form": true, "backup": true, "check": true, "import": true, "followup": true}

// isServable reports whether args (a command line) only reads the database.
func isServable(args []string) bool {
	if len(args) == 0 || !servable[args[0]] {
		return false
	}
	if args[0] != "import" {
		return true
	}
	for _, a := range args[1:] {
		if a == "--dry-run" || a == "-dry-run" || a == "--dry-run=true" || a == "-dry-run=true" {
			return true
		}
	}
	return false
}

// served holds the stores Serve serves, for openWith: in the holding
// process a command opening the same file reads through the open store.
var served struct {
	sync.Mutex
	stores []*store.Store
}

// servedStore returns a borrowed store for the database at path when this
// process serves it.
func servedStore(path string) *store.Store {
	served.Lock()
	defer served.Unlock()
	fi, err := os.Stat(path)
	if err != nil {
		return nil
	}
	for _, st := range served.stores {
		if si, err := os.Stat(st.Path()); err == nil && os.SameFile(fi, si) {
			return st.Borrow()
		}
	}
	return nil
}

// Server runs read-only commands for other processes against an open
// store (see the comment at the top of the file).
type Server struct {
	st     *store.Store
	ln     net.Listener
	socket string
	wg     sync.WaitGroup
}

// Serve starts serving read-only commands on the database st holds open
// (read-write) and records the socket in its holder record. Close stops
// it; close it before the store.
func Serve(st *store.Store) (*Server, error) {
	sock, err := SocketPath(st.Path())
	if err != nil {
		return nil, err
	}
	// This process holds the database: a socket left at this path is a
	// killed holder's.
	_ = os.Remove(sock)
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", st.Path(), err)
	}
	if err := os.Chmod(sock, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("serve %s: %w", st.Path(), err)
	}
	s := &Server{st: st, ln: ln, socket: sock}
	served.Lock()
	served.stores = append(served.stores, st)
	served.Unlock()
	st.SetServing(sock)
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Socket is the path of the server's socket.
func (s *Server) Socket() string { return s.socket }

// Close stops accepting, waits for the commands running, and removes the
// socket and its mention in the holder record.
func (s *Server) Close() error {
	err := s.ln.Close()
	s.wg.Wait()
	_ = os.Remove(s.socket)
	s.st.SetServing("")
	served.Lock()
	for i, st := range served.stores {
		if st == s.st {
			served.stores = append(served.stores[:i], served.stores[i+1:]...)
			break
		}
	}
	served.Unlock()
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer c.Close()
			s.handle(c)
		}()
	}
}

// request is what a client sends.
type request struct {
	Args []string `json:"args"`
}

// frameWriter writes one kind of frame to a connection.
type frameWriter struct {
	mu   *sync.Mutex
	w    io.Writer
	kind byte
}

func (f frameWriter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	total := len(p)
	for len(p) > 0 {
		n := min(len(p), 1<<16)
		var head [5]byte
		head[0] = f.kind
		binary.BigEndian.PutUint32(head[1:], uint32(n))
		if _, err := f.w.Write(head[:]); err != nil {
			return 0, err
		}
		if _, err := f.w.Write(p[:n]); err != nil {
			return 0, err
		}
		p = p[n:]
	}
	return total, nil
}

// handle runs one client's command.
func (s *Server) handle(c net.Conn) {
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(io.LimitReader(c, 1<<20)).ReadBytes('\n')
	if err != nil {
		return
	}
	_ = c.SetReadDeadline(time.Time{})
	var req request
	mu := &sync.Mutex{}
	bw := bufio.NewWriterSize(c, 1<<16)
	out := frameWriter{mu: mu, w: bw, kind: 'o'}
	errw := frameWriter{mu: mu, w: bw, kind: 'e'}
	code := 2
	switch {
	case json.Unmarshal(line, &req) != nil:
		fmt.Fprintln(errw, "csatdesk: the request could not be read")
	case !isServable(req.Args):
		fmt.Fprintf(errw, "csatdesk: %s is not a read-only command; the window that has the database open runs only those\n", strings.Join(req.Args[:min(1, len(req.Args))], ""))
	case !s.sameDB(req.Args):
		fmt.Fprintln(errw, "csatdesk: --db names another database than the one this window has open")
	default:
		code = Run(&Env{Stdout: out, Stderr: errw, remote: true}, req.Args)
	}
	var tail [9]byte
	tail[0] = 'x'
	binary.BigEndian.PutUint32(tail[1:], 4)
	binary.BigEndian.PutUint32(tail[5:], uint32(code))
	mu.Lock()
	_, _ = bw.Write(tail[:])
	_ = bw.Flush()
	mu.Unlock()
}

// sameDB reports whether the --db of args names the served database.
func (s *Server) sameDB(args []string) bool {
	db, ok := flagValue(args, "db")
	if !ok {
		return false
	}
	a, err1 := os.Stat(db)
	b, err2 := os.Stat(s.st.Path())
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// flagValue returns the value of flag name in args (-name v, --name v,
// -name=v, --name=v).
func flagValue(args []string, name string) (string, bool) {
	for i, a := range args {
		a = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if a == name && i+1 < len(args) {
			return args[i+1], true
		}
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v, true
		}
	}
	return "", false
}

// fileFlags are the flags whose value is a file ("-" is standard output).
var fileFlags = map[string]bool{"db": true, "out": true, "dir": true, "mapping": true, "save-mapping": true, "report": true, "failed": true}

// absArgs returns args with --db set to db and every file argument made
// absolute: the flags of fileFlags, and the file names of import.
func absArgs(args []string, db string) []string {
	out := []string{args[0]}
	hasDB := false
	abs := func(p string) string {
		if p == "-" || p == "" {
			return p
		}
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	for i := 1; i < len(args); i++ {
		a := args[i]
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		switch {
		case !strings.HasPrefix(a, "-"):
			if args[0] == "import" {
				a = abs(a)
			}
			out = append(out, a)
		case fileFlags[name] && i+1 < len(args):
			hasDB = hasDB || name == "db"
			out = append(out, a, abs(args[i+1]))
			i++
		default:
			if n, v, ok := strings.Cut(name, "="); ok && fileFlags[n] {
				hasDB = hasDB || n == "db"
				a = "--" + n + "=" + abs(v)
			}
			out = append(out, a)
		}
	}
	if !hasDB {
		out = append(out, "--db", abs(db))
	}
	return out
}

// runRemote asks the holder of the locked database to run args (a
// servable command); ok is false when it does not serve (an older
// version, a command-line run, a stale record).
func runRemote(env *Env, args []string, le *store.LockedError) (code int, ok bool) {
	if !le.Known || le.Holder.Socket == "" {
		return 0, false
	}
	if err := checkSocketDir(filepath.Dir(le.Holder.Socket)); err != nil {
		return 0, false
	}
	c, err := net.DialTimeout("unix", le.Holder.Socket, 2*time.Second)
	if err != nil {
		return 0, false
	}
	defer c.Close()
	b, err := json.Marshal(request{Args: absArgs(args, le.Path)})
	if err != nil {
		return 0, false
	}
	if _, err := c.Write(append(b, '\n')); err != nil {
		return 0, false
	}
	r := bufio.NewReaderSize(c, 1<<16)
	var head [5]byte
	buf := make([]byte, 1<<16)
	for {
		if _, err := io.ReadFull(r, head[:]); err != nil {
			fmt.Fprintf(env.Stderr, "csatdesk %s: the window that has the database open stopped answering: %v\n", args[0], err)
			return 1, true
		}
		n := int(binary.BigEndian.Uint32(head[1:]))
		if n > len(buf) {
			fmt.Fprintf(env.Stderr, "csatdesk %s: a bad answer from the window that has the database open\n", args[0])
			return 1, true
		}
		if _, err := io.ReadFull(r, buf[:n]); err != nil {
			fmt.Fprintf(env.Stderr, "csatdesk %s: the window that has the database open stopped answering: %v\n", args[0], err)
			return 1, true
		}
		switch head[0] {
		case 'o':
			_, _ = env.Stdout.Write(buf[:n])
		case 'e':
			_, _ = env.Stderr.Write(buf[:n])
		case 'x':
			if n != 4 {
				return 1, true
			}
			return int(binary.BigEndian.Uint32(buf[:4])), true
		}
	}
}

// runHeld runs a servable command line through the holder of its
// database when its holder record says it serves (ok false otherwise: the
// command runs here).
func runHeld(env *Env, args []string) (code int, ok bool) {
	if !isServable(args) {
		return 0, false
	}
	db, _ := flagValue(args, "db")
	if strings.TrimSpace(db) == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return 0, false
		}
		db = p
	}
	h, known := store.HolderOf(db)
	if !known || h.Socket == "" || h.PID == os.Getpid() {
		return 0, false
	}
	return runRemote(env, args, &store.LockedError{Path: db, Holder: h, Known: true})
}

// SocketPath is where the holder of the database at dbPath listens: a
// socket named after the database's absolute path in the user's own
// folder (runDirs; the first whose path fits a socket address).
func SocketPath(dbPath string) (string, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	name := hex.EncodeToString(sum[:8]) + ".sock"
	var last error
	for _, dir := range runDirs() {
		p := filepath.Join(dir, name)
		if len(p) > 100 { // sun_path holds 104–108 bytes
			continue
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			last = err
			continue
		}
		if err := checkSocketDir(dir); err != nil {
			last = err
			continue
		}
		return p, nil
	}
	if last == nil {
		last = errors.New("no folder for it")
	}
	return "", fmt.Errorf("the socket for %s: %w", dbPath, last)
}

// runDirs are the folders a socket may go in, best first.
func runDirs() []string {
	var dirs []string
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		dirs = append(dirs, filepath.Join(d, "csatdesk"))
	}
	if d, err := os.UserCacheDir(); err == nil {
		dirs = append(dirs, filepath.Join(d, "csatdesk", "run"))
	}
	return append(dirs, filepath.Join(os.TempDir(), fmt.Sprintf("csatdesk-%d", os.Getuid())))
}
