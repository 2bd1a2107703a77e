package webform

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/store"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// fixture is a server over a real store with a three-question survey.
type fixture struct {
	st  *store.Store
	sv  data.Survey
	srv *Server
	clk *clock
}

func newFixture(t testing.TB, edit func(*Config)) *fixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "w.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	sv := data.Survey{Name: "Café", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied were you?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindYesNo, "Was the table clean?", 0))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Anything else?", 0))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 3, 4, 12, 0, 0, 0, time.Local)}
	cfg := Config{Survey: sv, Location: "Riga", Now: clk.now}
	if edit != nil {
		edit(&cfg)
	}
	srv, err := New(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{st: st, sv: sv, srv: srv, clk: clk}
}

var nonceRE = regexp.MustCompile(`name="n" value="([^"]+)"`)

// get fetches the page and returns its nonce.
func (f *fixture) get(t testing.TB, path string) (*httptest.ResponseRecorder, string) {
	t.Helper()
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	m := nonceRE.FindStringSubmatch(w.Body.String())
	if m == nil {
		return w, ""
	}
	return w, m[1]
}

func (f *fixture) post(path string, form url.Values, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, req)
	return w
}

func (f *fixture) answer(nonce string) url.Values {
	q := f.sv.Questions
	return url.Values{"n": {nonce}, qn(q[0]): {"2"}, qn(q[1]): {"0"}, qn(q[2]): {"  Cold coffee  "}}
}

func qn(q data.Question) string { return "q" + strconv.FormatUint(uint64(q.ID), 10) }
func (f *fixture) stored(t testing.TB) []data.Response {
	t.Helper()
	var rs []data.Response
	if err := f.st.EachResponse(f.sv.ID, 0, 0, func(r data.Response) error { rs = append(rs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestAPostedAnswerIsStoredExactlyWithChannelPhoneWeb(t *testing.T) {
	f := newFixture(t, nil)
	w, nonce := f.get(t, f.srv.Path())
	if w.Code != 200 || nonce == "" {
		t.Fatalf("GET: %d, nonce %q", w.Code, nonce)
	}
	if n := w.Body.Len(); n > 15<<10 {
		t.Errorf("the page is %d bytes, over 15 KB", n)
	}
	for _, bad := range []string{"<script", "http://", "https://", "src="} {
		if strings.Contains(w.Body.String(), bad) {
			t.Errorf("the page holds %q: no scripts or external assets", bad)
		}
	}
	res := f.post(f.srv.Path(), f.answer(nonce))
	if res.Code != 200 || !strings.Contains(res.Body.String(), "Thank you!") {
		t.Fatalf("POST: %d %s", res.Code, res.Body.String())
	}
	rs := f.stored(t)
	if len(rs) != 1 {
		t.Fatalf("%d responses stored, want 1", len(rs))
	}
	r, q := rs[0], f.sv.Questions
	if r.Channel != Channel || r.Source != Source || r.Tags[data.TagLocation] != "Riga" ||
		len(r.Answers) != 2 || r.Answers[q[0].ID] != 2 || r.Answers[q[1].ID] != 0 || r.Texts[q[2].ID] != "Cold coffee" ||
		!r.CollectedAt.Equal(f.clk.now()) {
		t.Errorf("stored %+v", r)
	}
	if f.srv.Count() != 1 {
		t.Errorf("count %d, want 1", f.srv.Count())
	}
	// The unhappy customer with a comment is on the follow-up list.
	main, _ := f.sv.MainCSAT()
	if !(data.ResponseFilter{FollowUp: true}).Match(&r, main, true) {
		t.Error("a low phone answer with a comment is not on the follow-up list")
	}
}

func TestEveryReplyCarriesStrictHeaders(t *testing.T) {
	f := newFixture(t, nil)
	for _, path := range []string{f.srv.Path(), "/f/forged", "/"} {
		w, _ := f.get(t, path)
		h := w.Header()
		if !strings.HasPrefix(h.Get("Content-Security-Policy"), "default-src 'none'") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" ||
			h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestAForgedTokenIsRefused(t *testing.T) {
	f := newFixture(t, nil)
	_, nonce := f.get(t, f.srv.Path())
	for _, path := range []string{"/f/AAAAAAAAAAAA", "/f/", "/", "/f/" + f.srv.Token() + "x"} {
		if w, _ := f.get(t, path); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, w.Code)
		}
		if w := f.post(path, f.answer(nonce)); w.Code != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", path, w.Code)
		}
	}
	if n := len(f.stored(t)); n != 0 {
		t.Errorf("%d answers stored through forged tokens", n)
	}
}

func TestAnOldTokenWorksOnlyWithinTheGraceAfterRotation(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Grace = time.Minute })
	old := f.srv.Path()
	f.srv.Rotate()
	if w, _ := f.get(t, old); w.Code != 200 {
		t.Errorf("old token within the grace: %d", w.Code)
	}
	f.clk.add(2 * time.Minute)
	if w, _ := f.get(t, old); w.Code != http.StatusNotFound {
		t.Errorf("old token after the grace: %d, want 404", w.Code)
	}
	if w, _ := f.get(t, f.srv.Path()); w.Code != 200 {
		t.Errorf("new token: %d", w.Code)
	}
}

func TestAReplayedFormIsRefused(t *testing.T) {
	f := newFixture(t, nil)
	_, nonce := f.get(t, f.srv.Path())
	if w := f.post(f.srv.Path(), f.answer(nonce)); w.Code != 200 {
		t.Fatalf("first POST: %d", w.Code)
	}
	f.clk.add(2 * time.Minute) // past the per-phone minute, and without its cookie
	if w := f.post(f.srv.Path(), f.answer(nonce)); w.Code != http.StatusConflict {
		t.Errorf("replay: %d, want 409", w.Code)
	}
	forged := f.answer(nonce[:len(nonce)-2] + "xx")
	if w := f.post(f.srv.Path(), forged); w.Code != http.StatusBadRequest {
		t.Errorf("forged nonce: %d, want 400", w.Code)
	}
	if n := len(f.stored(t)); n != 1 {
		t.Errorf("%d answers stored, want 1", n)
	}
}

func TestOnePhoneAnswersOncePerMinute(t *testing.T) {
	f := newFixture(t, nil)
	_, n1 := f.get(t, f.srv.Path())
	w := f.post(f.srv.Path(), f.answer(n1))
	cookies := w.Result().Cookies()
	if w.Code != 200 || len(cookies) != 1 {
		t.Fatalf("POST: %d, cookies %v", w.Code, cookies)
	}
	_, n2 := f.get(t, f.srv.Path())
	if w := f.post(f.srv.Path(), f.answer(n2), cookies...); w.Code != http.StatusTooManyRequests {
		t.Errorf("second answer within a minute: %d, want 429", w.Code)
	}
	f.clk.add(61 * time.Second)
	if w := f.post(f.srv.Path(), f.answer(n2), cookies...); w.Code != 200 {
		t.Errorf("answer a minute later: %d, want 200", w.Code)
	}
}

func TestAnOversizedRequestIsRefused(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.MaxBody = 4096 })
	_, nonce := f.get(t, f.srv.Path())
	form := f.answer(nonce)
	form.Set(qn(f.sv.Questions[2]), strings.Repeat("a", 5000))
	if w := f.post(f.srv.Path(), form); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized: %d, want 413", w.Code)
	}
	if n := len(f.stored(t)); n != 0 {
		t.Errorf("%d answers stored", n)
	}
}

func TestMalformedFormsAreRefused(t *testing.T) {
	f := newFixture(t, nil)
	q := f.sv.Questions
	cases := map[string]func(url.Values){
		"a value off the scale":        func(v url.Values) { v.Set(qn(q[0]), "6") },
		"a value that is not a number": func(v url.Values) { v.Set(qn(q[0]), "5; drop") },
		"an unknown question":          func(v url.Values) { v.Set("q999", "1") },
		"an unknown field":             func(v url.Values) { v.Set("admin", "1") },
		"a repeated field":             func(v url.Values) { v.Add(qn(q[0]), "3") },
		"a required answer missing":    func(v url.Values) { v.Del(qn(q[0])) },
		"no nonce":                     func(v url.Values) { v.Del("n") },
		"a text too long":              func(v url.Values) { v.Set(qn(q[2]), strings.Repeat("é", 1001)) },
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			_, nonce := f.get(t, f.srv.Path())
			form := f.answer(nonce)
			edit(form)
			if w := f.post(f.srv.Path(), form); w.Code != http.StatusBadRequest {
				t.Errorf("%d, want 400", w.Code)
			}
		})
	}
	t.Run("not a form", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, f.srv.Path(), strings.NewReader(`{"q1":5}`))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		f.srv.ServeHTTP(w, req)
		if w.Code != http.StatusUnsupportedMediaType {
			t.Errorf("%d, want 415", w.Code)
		}
	})
	if n := len(f.stored(t)); n != 0 {
		t.Errorf("%d malformed answers stored", n)
	}
}

func TestAFloodIsLimited(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.MaxPerSecond = 20 })
	ok, limited := 0, 0
	for range 100 { // at one instant: the bucket holds 20
		w, _ := f.get(t, f.srv.Path())
		switch w.Code {
		case 200:
			ok++
		case http.StatusTooManyRequests:
			limited++
		}
	}
	if ok != 20 || limited != 80 {
		t.Errorf("%d served, %d limited; want 20 and 80", ok, limited)
	}
	f.clk.add(time.Second)
	if w, _ := f.get(t, f.srv.Path()); w.Code != 200 {
		t.Errorf("a second later: %d", w.Code)
	}
}

func TestTheServerListensOnlyOnTheGivenAddress(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Addrs = []string{"127.0.0.1:0"}; c.Now = nil })
	if err := f.srv.Start(); err != nil {
		t.Fatal(err)
	}
	addrs := f.srv.Addrs()
	if len(addrs) != 1 || !strings.HasPrefix(addrs[0], "127.0.0.1:") {
		t.Fatalf("listening on %v", addrs)
	}
	_, port, _ := net.SplitHostPort(addrs[0])
	res, err := http.Get(f.srv.URLs()[0])
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), pageMarker) {
		t.Errorf("GET on the address: %d", res.StatusCode)
	}
	if err := SelfTest(t.Context(), f.srv.URLs()[0]); err != nil {
		t.Errorf("self-test: %v", err)
	}
	// Another loopback address (Linux routes all of 127/8 to lo) is not
	// served, nor is the port on every interface.
	if c, err := net.DialTimeout("tcp", "127.0.0.2:"+port, time.Second); err == nil {
		c.Close()
		t.Error("the server answers on 127.0.0.2 too")
	}
	if err := f.srv.Close(); err != nil {
		t.Fatal(err)
	}
	if c, err := net.DialTimeout("tcp", addrs[0], time.Second); err == nil {
		c.Close()
		t.Error("the server still listens after Close")
	}
}

func TestEveryInterfaceIsRefusedUnlessChosen(t *testing.T) {
	for _, a := range []string{"0.0.0.0:8080", "[::]:8080", ":8080", "shop.local:80", "127.0.0.1"} {
		if CheckAddr(a, false) == nil {
			t.Errorf("%s accepted", a)
		}
	}
	if err := CheckAddr("0.0.0.0:8080", true); err != nil {
		t.Errorf("0.0.0.0 chosen: %v", err)
	}
	if err := CheckAddr("192.168.1.20:0", false); err != nil {
		t.Errorf("a LAN address: %v", err)
	}
}

func TestThePageSpeaksTheSurveysLanguage(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Survey.Language = "ru" })
	w, _ := f.get(t, f.srv.Path())
	if !strings.Contains(w.Body.String(), `lang="ru"`) || strings.Contains(w.Body.String(), ">Send<") {
		t.Errorf("a Russian survey's page: %s", w.Body.String()[:300])
	}
}

func netListen() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

// FuzzPost sends arbitrary form bodies: the server never panics, and what
// it stores is a valid response of the survey.
func FuzzPost(f *testing.F) {
	fx := newFixture(f, func(c *Config) { c.MaxPerSecond = 1 << 30 })
	f.Add("q1=5&q2=1")
	f.Add("q1=9")
	f.Add("q3=%ff%fe&q1=1")
	f.Add("q1=1&q1=2")
	f.Add("n=a.b.c&q1=2")
	f.Fuzz(func(t *testing.T, body string) {
		_, nonce := fx.get(t, fx.srv.Path())
		form, err := url.ParseQuery(body)
		if err != nil {
			form = url.Values{}
		}
		if form.Get("n") == "" {
			form.Set("n", nonce)
		}
		w := fx.post(fx.srv.Path(), form)
		if w.Code == 200 {
			for _, r := range fx.stored(t) {
				if err := r.Validate(&fx.sv); err != nil {
					t.Fatalf("stored an invalid response %+v: %v", r, err)
				}
			}
		}
	})
}

func TestTheQRSheetIsAPDFWithTheAddress(t *testing.T) {
	sv := data.Survey{Name: "Визит", Business: "Кафе", Language: "ru"}
	var b bytes.Buffer
	if err := WriteSheet(&b, sv, "http://192.168.1.20:8080/f/abc"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "%PDF") || b.Len() < 2000 {
		t.Errorf("not a PDF: %d bytes", b.Len())
	}
	png, err := QRPNG("http://192.168.1.20:8080/f/abc", 256)
	if err != nil || len(png) < 100 {
		t.Errorf("QR PNG: %d bytes, %v", len(png), err)
	}
}
