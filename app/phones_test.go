package app

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestTheSwitchStartsAndStopsThePhonePageOnTheChosenAddress(t *testing.T) {
	u, st := newTestUI(t)
	kioskTestSurvey(t, st)
	u.reload()
	u.onPhones()
	p := u.phones
	p.addr.SetSelected("127.0.0.1")
	p.port.SetText("0")
	p.on.SetChecked(true)
	if p.srv == nil {
		t.Fatal("the switch did not start the page")
	}
	addr := p.srv.Addrs()[0]
	if !strings.HasPrefix(addr, "127.0.0.1:") || !strings.HasPrefix(p.url.Text, "http://"+addr+"/f/") || p.qr.Resource == nil {
		t.Errorf("listening on %s, shown %q", addr, p.url.Text)
	}
	res, err := http.Get(p.url.Text)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("GET: %d", res.StatusCode)
	}
	// An answer from a "phone" is counted live.
	page, _ := io.ReadAll(res.Body)
	nonce := regexp.MustCompile(`name="n" value="([^"]+)"`).FindSubmatch(page)
	if nonce == nil {
		t.Fatal("no nonce on the page")
	}
	post, err := http.PostForm(p.url.Text, url.Values{"n": {string(nonce[1])}, "q1": {"5"}})
	if err != nil {
		t.Fatal(err)
	}
	post.Body.Close()
	if post.StatusCode != 200 || p.count.Text != "1 answer from phones" {
		t.Errorf("POST %d, count %q", post.StatusCode, p.count.Text)
	}
	p.on.SetChecked(false)
	if p.srv != nil {
		t.Fatal("the switch did not stop the page")
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Error("still listening after the switch went off")
	}
	// Closing the window stops it too.
	p.on.SetChecked(true)
	addr = p.srv.Addrs()[0]
	u.win.Close()
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Error("still listening after the window closed")
	}
}

func TestTheSelfTestSaysPlainlyWhatItFound(t *testing.T) {
	lan := selfTestText("http://192.168.1.20:8080/f/x", nil)
	if !strings.Contains(lan, "client isolation") || !strings.Contains(lan, "guest") {
		t.Errorf("%q", lan)
	}
	if s := selfTestText("http://127.0.0.1:8080/f/x", nil); !strings.Contains(s, "only on this computer") {
		t.Errorf("%q", s)
	}
}
