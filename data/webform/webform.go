// Package webform serves a survey to the phones of customers on the
// shop's own network, with no internet: one small server-rendered page
// (no JavaScript, no external assets, under 15 KB) at one route,
// http://ADDRESS/f/TOKEN, whose POST stores the answer through a Saver
// with channel "phone-web". It uses net/http only and knows nothing of the
// window or the database file.
//
// Security, because anyone on the network can send anything:
//   - the server listens only on the addresses given (a private LAN
//     address by default; never every interface unless asked);
//   - the token in the URL is required; Rotate makes a new one and the old
//     one is refused after a grace period;
//   - each page carries a signed, single-use nonce: a replayed or forged
//     form is refused;
//   - one answer per phone per minute (a signed cookie; no IP address is
//     stored or used);
//   - request bodies are capped, malformed forms refused, and a token
//     bucket limits the requests per second (a flood gets 429);
//   - every reply carries a strict Content-Security-Policy (nothing but the
//     page's own inline style, by hash, and a form posting to itself),
//     X-Content-Type-Options, Referrer-Policy no-referrer, no caching.
package webform

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"csatdesk/data"
	"csatdesk/data/translate"
)

// Channel is the channel of every answer sent from a phone.
const Channel = "phone-web"

// Source is the Source of every answer sent from a phone.
const Source = "phone-web"

// Saver stores a response; *store.Store satisfies it.
type Saver interface {
	AddResponse(r *data.Response) error
}

// Defaults of Config's zero fields.
const (
	DefaultGrace        = 10 * time.Minute
	DefaultPerPhone     = time.Minute
	DefaultMaxPerSecond = 200 // a phone's answer is two requests: 100 answers/s, twice the budget
	DefaultMaxBody      = 16 << 10
	// nonceLife is how long a page may stay open before it is sent.
	nonceLife = 2 * time.Hour
	// maxText is the longest open answer kept, in characters.
	maxText = 1000
)

// ErrAddress is an address the server will not listen on (every interface
// without AllowAny, or not an IP address and port).
var ErrAddress = errors.New("not an address to listen on")

// Config sets up a Server.
type Config struct {
	Survey data.Survey
	// Location, when set, tags every answer (data.TagLocation).
	Location string
	// Addrs are the host:port addresses to listen on ("192.168.1.20:8080";
	// port 0 picks a free one). The host must be an IP address; 0.0.0.0
	// and :: are refused unless AllowAny.
	Addrs    []string
	AllowAny bool
	// Grace is how long an old token still works after Rotate.
	Grace time.Duration
	// PerPhone is the shortest time between two answers from one phone.
	PerPhone time.Duration
	// MaxPerSecond limits the requests the server answers per second.
	MaxPerSecond int
	// MaxBody caps a request body, in bytes.
	MaxBody int64
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
	// OnSaved is called after each stored answer with the running count,
	// on the request's goroutine.
	OnSaved func(count int)
}

// Server is the phone page of one survey.
type Server struct {
	cfg   Config
	st    Saver
	tr    *translate.Translator
	key   []byte
	count atomic.Int64

	mu       sync.Mutex
	token    string
	old      string
	oldUntil time.Time
	used     map[string]time.Time // nonce → expiry
	bucket   float64
	filled   time.Time

	lns  []net.Listener
	srvs []*http.Server
}

// New prepares a server for cfg.Survey storing through st; Start listens.
func New(cfg Config, st Saver) (*Server, error) {
	if cfg.Grace <= 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.PerPhone <= 0 {
		cfg.PerPhone = DefaultPerPhone
	}
	if cfg.MaxPerSecond <= 0 {
		cfg.MaxPerSecond = DefaultMaxPerSecond
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if len(cfg.Survey.Active()) == 0 {
		return nil, fmt.Errorf("phone page of %q: the survey has no questions", cfg.Survey.Name)
	}
	tr, err := translate.For(cfg.Survey.Language)
	if err != nil {
		tr, _ = translate.For("en")
	}
	s := &Server{cfg: cfg, st: st, tr: tr, key: randomBytes(32), used: map[string]time.Time{}}
	s.token = newToken()
	s.bucket = float64(cfg.MaxPerSecond)
	s.filled = cfg.Now()
	return s, nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported platforms
	}
	return b
}

// newToken is 72 random bits, 12 URL-safe characters: short for a QR code.
func newToken() string { return base64.RawURLEncoding.EncodeToString(randomBytes(9)) }

// Token is the current token.
func (s *Server) Token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

// Rotate makes a new token; the old one works for Config.Grace more.
func (s *Server) Rotate() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.old, s.oldUntil = s.token, s.cfg.Now().Add(s.cfg.Grace)
	s.token = newToken()
	return s.token
}

// Count is the number of answers stored since New.
func (s *Server) Count() int { return int(s.count.Load()) }

// Path is the page's path with the current token.
func (s *Server) Path() string { return "/f/" + s.Token() }

// URLs are the page's addresses, one per listening address.
func (s *Server) URLs() []string {
	var out []string
	for _, a := range s.Addrs() {
		out = append(out, "http://"+a+s.Path())
	}
	return out
}

// Addrs are the addresses the server listens on (ports filled in).
func (s *Server) Addrs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, ln := range s.lns {
		out = append(out, ln.Addr().String())
	}
	return out
}

// CheckAddr reports whether the server would listen on addr.
func CheckAddr(addr string, allowAny bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q: %w", addr, ErrAddress)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("%q: bad port: %w", addr, ErrAddress)
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.IsUnspecified() && !allowAny {
		return fmt.Errorf("%q: %w", addr, ErrAddress)
	}
	return nil
}

// Start listens on every address of Config.Addrs and serves in the
// background; an address that fails closes the others.
func (s *Server) Start() error {
	if len(s.cfg.Addrs) == 0 {
		return fmt.Errorf("phone page: no address: %w", ErrAddress)
	}
	var lns []net.Listener
	for _, a := range s.cfg.Addrs {
		if err := CheckAddr(a, s.cfg.AllowAny); err != nil {
			closeAll(lns)
			return fmt.Errorf("phone page: %w", err)
		}
		ln, err := net.Listen("tcp", a)
		if err != nil {
			closeAll(lns)
			return fmt.Errorf("phone page: listen on %s: %w", a, err)
		}
		lns = append(lns, ln)
	}
	s.mu.Lock()
	s.lns = lns
	for _, ln := range lns {
		srv := &http.Server{
			Handler:           s,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      10 * time.Second,
			IdleTimeout:       30 * time.Second,
			MaxHeaderBytes:    8 << 10,
			ErrorLog:          nil,
		}
		s.srvs = append(s.srvs, srv)
		go func() { _ = srv.Serve(ln) }()
	}
	s.mu.Unlock()
	return nil
}

func closeAll(lns []net.Listener) {
	for _, ln := range lns {
		_ = ln.Close()
	}
}

// Close stops listening and waits up to two seconds for requests in
// flight.
func (s *Server) Close() error {
	s.mu.Lock()
	srvs := s.srvs
	s.srvs, s.lns = nil, nil
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var first error
	for _, srv := range srvs {
		if err := srv.Shutdown(ctx); err != nil && first == nil {
			first = fmt.Errorf("phone page: stop: %w", err)
		}
	}
	return first
}

// LANAddrs returns this computer's private IPv4 addresses (192.168.x.x,
// 10.x.x.x, 172.16–31.x.x) on interfaces that are up: where phones on the
// shop's Wi-Fi can reach it.
func LANAddrs() ([]string, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("network interfaces: %w", err)
	}
	var out []string
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			if ip4 := n.IP.To4(); ip4 != nil && ip4.IsPrivate() {
				out = append(out, ip4.String())
			}
		}
	}
	return out, nil
}

// SelfTest fetches url as a phone would and checks that the survey page
// came back. It proves the server answers on that address; a phone on a
// guest Wi-Fi that isolates its devices still cannot reach it.
func SelfTest(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("self-test: %w", err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("self-test: %w", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if res.StatusCode != http.StatusOK || !strings.Contains(string(b), pageMarker) {
		return fmt.Errorf("self-test: %s answered %s, not the survey page", url, res.Status)
	}
	return nil
}

// ---- requests ----

// ServeHTTP serves the one route.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if !s.take() {
		s.fail(w, http.StatusTooManyRequests, msgBusy)
		return
	}
	tok, ok := strings.CutPrefix(r.URL.Path, "/f/")
	if !ok || !s.validToken(tok) {
		s.fail(w, http.StatusNotFound, msgExpired)
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		s.page(w, http.StatusOK, s.formPage(tok))
	case http.MethodPost:
		s.post(w, r, tok)
	default:
		h.Set("Allow", "GET, POST")
		s.fail(w, http.StatusMethodNotAllowed, msgMalformed)
	}
}

// take takes a request from the token bucket (the flood limit).
func (s *Server) take() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	max := float64(s.cfg.MaxPerSecond)
	s.bucket = min(max, s.bucket+now.Sub(s.filled).Seconds()*max)
	s.filled = now
	if s.bucket < 1 {
		return false
	}
	s.bucket--
	return true
}

func (s *Server) validToken(tok string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if hmac.Equal([]byte(tok), []byte(s.token)) {
		return true
	}
	return s.old != "" && hmac.Equal([]byte(tok), []byte(s.old)) && s.cfg.Now().Before(s.oldUntil)
}

// sign returns the first 16 bytes of HMAC-SHA256(key, kind|msg), base64.
func (s *Server) sign(kind, msg string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(msg))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// newNonce is "random.unixseconds.signature".
func (s *Server) newNonce() string {
	msg := base64.RawURLEncoding.EncodeToString(randomBytes(12)) + "." + strconv.FormatInt(s.cfg.Now().Unix(), 10)
	return msg + "." + s.sign("nonce", msg)
}

// checkNonce verifies n's signature and age and marks it used; a nonce
// seen before is refused.
func (s *Server) checkNonce(n string) (ok, replay bool) {
	i := strings.LastIndexByte(n, '.')
	if i < 0 || len(n) > 100 || !hmac.Equal([]byte(n[i+1:]), []byte(s.sign("nonce", n[:i]))) {
		return false, false
	}
	_, ts, _ := strings.Cut(n[:i], ".")
	sec, err := strconv.ParseInt(ts, 10, 64)
	now := s.cfg.Now()
	if err != nil || now.Sub(time.Unix(sec, 0)) > nonceLife || time.Unix(sec, 0).After(now.Add(time.Minute)) {
		return false, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, seen := s.used[n]; seen {
		return false, true
	}
	for k, exp := range s.used { // prune; the map holds at most two hours of answers
		if now.After(exp) {
			delete(s.used, k)
		}
	}
	s.used[n] = time.Unix(sec, 0).Add(nonceLife)
	return true, false
}

// release forgets a nonce whose answer was not stored, so the phone can
// send the same page again.
func (s *Server) release(n string) {
	s.mu.Lock()
	delete(s.used, n)
	s.mu.Unlock()
}

const cookieName = "csatdesk"

// recentlyAnswered reports whether the phone's cookie says it answered
// within PerPhone.
func (s *Server) recentlyAnswered(r *http.Request) bool {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return false
	}
	ts, sig, ok := strings.Cut(c.Value, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(s.sign("phone", ts))) {
		return false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	return err == nil && s.cfg.Now().Sub(time.Unix(sec, 0)) < s.cfg.PerPhone
}

func (s *Server) post(w http.ResponseWriter, r *http.Request, tok string) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		s.fail(w, http.StatusUnsupportedMediaType, msgMalformed)
		return
	}
	if s.recentlyAnswered(r) {
		s.fail(w, http.StatusTooManyRequests, msgAgain)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, http.StatusRequestEntityTooLarge, msgTooLong)
			return
		}
		s.fail(w, http.StatusBadRequest, msgMalformed)
		return
	}
	form := r.PostForm
	nonce := form.Get("n")
	if len(form["n"]) != 1 {
		s.fail(w, http.StatusBadRequest, msgMalformed)
		return
	}
	resp, ok := s.parse(form)
	if !ok {
		s.fail(w, http.StatusBadRequest, msgMalformed)
		return
	}
	if err := resp.Validate(&s.cfg.Survey); err != nil {
		s.fail(w, http.StatusBadRequest, s.tr.Error(err))
		return
	}
	good, replay := s.checkNonce(nonce)
	if replay {
		s.fail(w, http.StatusConflict, msgReplay)
		return
	}
	if !good {
		s.fail(w, http.StatusBadRequest, msgExpired)
		return
	}
	if err := s.st.AddResponse(&resp); err != nil {
		s.release(nonce)
		s.fail(w, http.StatusInternalServerError, msgNotSaved)
		return
	}
	n := int(s.count.Add(1))
	if s.cfg.OnSaved != nil {
		s.cfg.OnSaved(n)
	}
	ts := strconv.FormatInt(s.cfg.Now().Unix(), 10)
	http.SetCookie(w, &http.Cookie{
		Name: cookieName, Value: ts + "." + s.sign("phone", ts), Path: "/f/",
		MaxAge: int(s.cfg.PerPhone / time.Second), HttpOnly: true, SameSite: http.SameSiteStrictMode,
	})
	s.page(w, http.StatusOK, s.thanksPage())
}

// parse reads the answers of a posted form: "n" (the nonce) and "qID" per
// question; anything else, a number off its scale or a text too long is
// malformed.
func (s *Server) parse(form map[string][]string) (data.Response, bool) {
	now := s.cfg.Now()
	r := data.Response{
		SurveyID: s.cfg.Survey.ID, CollectedAt: now, EnteredAt: now,
		Source: Source, Channel: Channel,
	}
	if loc := strings.TrimSpace(s.cfg.Location); loc != "" {
		r.Tags = map[string]string{data.TagLocation: loc}
	}
	for k, vs := range form {
		if k == "n" {
			continue
		}
		if len(vs) != 1 || !strings.HasPrefix(k, "q") {
			return r, false
		}
		id, err := strconv.ParseUint(k[1:], 10, 32)
		if err != nil {
			return r, false
		}
		q, ok := s.cfg.Survey.Question(uint32(id))
		if !ok || q.Retired {
			return r, false
		}
		v := vs[0]
		if !utf8.ValidString(v) {
			return r, false
		}
		if q.Numeric() {
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < q.Min || n > q.Max {
				return r, false
			}
			if r.Answers == nil {
				r.Answers = map[uint32]int{}
			}
			r.Answers[q.ID] = n
			continue
		}
		v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
		if utf8.RuneCountInString(v) > maxText {
			return r, false
		}
		if v != "" {
			if r.Texts == nil {
				r.Texts = map[uint32]string{}
			}
			r.Texts[q.ID] = v
		}
	}
	return r, true
}

// fail answers with an error page in the survey's language.
func (s *Server) fail(w http.ResponseWriter, code int, msg string) {
	s.page(w, code, s.messagePage(s.tr.Text(msgTitleError, nil), s.tr.Text(msg, nil), false))
}

func (s *Server) page(w http.ResponseWriter, code int, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	_, _ = w.Write(body)
}
