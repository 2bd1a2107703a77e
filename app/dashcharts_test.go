package app

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/charts"
)

// sampleDashboard is the window on the sample café.
func sampleDashboard(t *testing.T) (*UI, *dashboard) {
	t.Helper()
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 7, testNow); err != nil {
		t.Fatal(err)
	}
	u.reload()
	return u, u.dash
}

// Issue 13, defect 3 happened after cycling the charts and comparing with
// a location; every list is opened (with the driver's canvas lost, the
// worst case) in every combination.
func TestEveryChartCompareAndSegmentComboDrawsWithoutPanicking(t *testing.T) {
	u, d := sampleDashboard(t)
	p := d.charts
	losingCanvasOf(t, d.segmentSel)
	compares := []int{0, 1} // nothing, the year before, and a location
	for i, o := range p.compare.Options {
		if strings.Contains(o, "Location") {
			compares = append(compares, i)
			break
		}
	}
	if len(compares) < 3 {
		t.Fatalf("no location to compare with in %q", p.compare.Options)
	}
	for k := range p.kind.Options {
		for _, c := range compares {
			for _, s := range []int{0, len(d.segmentSel.Options) - 1} {
				name := fmt.Sprintf("%s × %s × %s", p.kind.Options[k], p.compare.Options[c], d.segmentSel.Options[s])
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("%s: panic %v", name, r)
						}
					}()
					p.kind.SetSelectedIndex(k)
					p.compare.SetSelectedIndex(c)
					d.segmentSel.SetSelectedIndex(s)
					for _, sel := range []*dropdown{d.segmentSel, p.compare, p.kind} {
						test.Tap(sel)
						for u.win.Canvas().Overlays().Top() != nil {
							u.win.Canvas().Overlays().Top().Hide()
							u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
						}
					}
				}()
				if p.img.Image == nil && !p.msgCard.Visible() {
					t.Errorf("%s: neither a chart nor a message", name)
				}
			}
		}
	}
}

// The chart fills the room it has and is drawn at that size: not a slide
// image shrunk into the window.
func TestTheChartIsDrawnAtTheSizeTheWindowGivesIt(t *testing.T) {
	u, d := sampleDashboard(t)
	p := d.charts
	var prev fyne.Size
	for _, win := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1024, Height: 600}, {Width: 1900, Height: 1000}} {
		u.win.Resize(win)
		v := p.view.Size()
		if v.Width < win.Width*0.6 {
			t.Errorf("window %v: the chart is %v wide, want most of the window", win, v)
		}
		if v == prev {
			t.Errorf("window %v: the chart kept its size %v", win, v)
		}
		prev = v
		if p.img.Image == nil {
			t.Fatalf("window %v: no chart (%q)", win, p.msg.Text)
		}
		b := p.img.Image.Bounds()
		want := p.screenSize()
		if b.Dx() != want.WidthPx || b.Dy() != want.HeightPx {
			t.Errorf("window %v: chart image %dx%d, want the view's %dx%d", win, b.Dx(), b.Dy(), want.WidthPx, want.HeightPx)
		}
		if float32(b.Dx()) < v.Width*0.99 || float32(b.Dx()) > v.Width*1.01+float32(charts.MinSidePx(want.DPI)) {
			t.Errorf("window %v: image %d px for a view %v wide", win, b.Dx(), v.Width)
		}
	}
}

func TestPointingAtAPointTellsItsPeriodNAndRange(t *testing.T) {
	u, d := sampleDashboard(t)
	u.win.Resize(fyne.NewSize(1366, 768))
	p := d.charts
	p.kind.SetSelectedIndex(0) // the trend
	if len(p.view.spots) < 2 {
		t.Fatalf("the trend has %d points on its map", len(p.view.spots))
	}
	s := p.view.spots[len(p.view.spots)-1]
	pos, _, px := p.view.imageRect()
	at := fyne.NewPos(pos.X+float32(s.At.X)/px, pos.Y+float32(s.At.Y)/px)
	p.view.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	if !p.view.tip.Visible() || !p.view.ring.Visible() {
		t.Fatal("no tooltip and ring over a point")
	}
	if c := p.view.ring.Position().Add(fyne.NewPos(p.view.ring.Size().Width/2, p.view.ring.Size().Height/2)); absf(c.X-at.X) > 1 || absf(c.Y-at.Y) > 1 {
		t.Errorf("the ring is centred on %v, the point is at %v", c, at)
	}
	text := p.view.tipText.Text
	for _, want := range []string{s.Label, fmtNumber(s.Value, 1), fmtNumber(s.Low, 1), fmtNumber(s.High, 1), fmt.Sprint(s.N)} {
		if !strings.Contains(text, want) {
			t.Errorf("tooltip %q lacks %q", text, want)
		}
	}
	tp, ts := p.view.tip.Position(), p.view.tip.Size()
	if tp.X < 0 || tp.Y < 0 || tp.X+ts.Width > p.view.Size().Width+0.5 || tp.Y+ts.Height > p.view.Size().Height+0.5 {
		t.Errorf("tooltip at %v size %v leaves the chart (%v)", tp, ts, p.view.Size())
	}
	p.view.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(2, 2)}})
	if p.view.tip.Visible() {
		t.Error("the tooltip stays away from every point")
	}
	test.TapAt(p.view, at)
	if !p.view.tip.Visible() {
		t.Error("a tap on a point shows no tooltip")
	}
	p.view.MouseOut()
	if p.view.tip.Visible() || p.view.ring.Visible() {
		t.Error("the tooltip stays when the pointer leaves")
	}
}

func TestCopyWithoutAClipboardToolOffersToSave(t *testing.T) {
	u, d := sampleDashboard(t)
	t.Setenv("PATH", t.TempDir())
	t.Setenv("WAYLAND_DISPLAY", "")
	d.charts.onCopy()
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog offering to save instead")
	}
	if d.charts.msgCard.Visible() {
		t.Errorf("the copy's outcome is drawn over the chart: %q", d.charts.msg.Text)
	}
}

func TestTheExportDialogTakesPresetsCustomSizesAndALook(t *testing.T) {
	_, d := sampleDashboard(t)
	p := d.charts
	if p.export.dark || p.export.size != charts.SizeSlide {
		t.Errorf("exports start as %+v, want a light slide", p.export)
	}
	var got exportChoice
	p.askExport("Export chart", "Save PNG…", func(ex exportChoice) { got = ex })
	f := p.exportForm
	f.preset.SetSelectedIndex(1)
	if ex, ok := f.choice(); !ok || ex.size != charts.SizeA4 {
		t.Errorf("the A4 preset reads as %+v (%v)", ex, ok)
	}
	f.width.SetText("1600")
	f.height.SetText("900")
	f.dpi.SetText("200")
	f.look.SetSelected(f.darkName)
	ex, ok := f.choice()
	if !ok || ex.size != (charts.Size{WidthPx: 1600, HeightPx: 900, DPI: 200}) || !ex.dark || f.preset.Selected != f.customName {
		t.Errorf("custom 1600×900 at 200 DPI, dark reads as %+v (%v), preset %q", ex, ok, f.preset.Selected)
	}
	f.dpi.SetText("900") // needs sides of 1875 px
	if _, ok := f.choice(); ok || f.problem.Text == "" {
		t.Errorf("a size too small for its DPI is accepted (%q)", f.problem.Text)
	}
	f.dpi.SetText("abc")
	if _, ok := f.choice(); ok || f.problem.Text == "" {
		t.Errorf("a DPI that is no number is accepted (%q)", f.problem.Text)
	}
	_ = got
}

func TestCopyChartHandsAPNGWithItsDPIToTheClipboardTool(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the system's own tools")
	}
	_, d := sampleDashboard(t)
	bin := t.TempDir()
	out := filepath.Join(bin, "clip.png")
	script := "#!/bin/sh\ncat > " + out + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xclip"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("WAYLAND_DISPLAY", "")
	d.charts.export = exportChoice{preset: 3, size: charts.Size{WidthPx: 1000, HeightPx: 600, DPI: 200}}
	d.charts.onCopy()
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("the tool got nothing: %v (status %q)", err, d.charts.status.Text)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != 1000 || cfg.Height != 600 {
		t.Errorf("clipboard image %dx%d (%v), want 1000x600", cfg.Width, cfg.Height, err)
	}
	if i := bytes.Index(b, []byte("pHYs")); i < 0 || binary.BigEndian.Uint32(b[i+4:]) != charts.PixelsPerMetre(200) {
		t.Error("the clipboard image does not carry 200 DPI")
	}
	if !strings.Contains(d.charts.status.Text, "clipboard") || d.charts.msgCard.Visible() {
		t.Errorf("status %q, message over the chart: %v", d.charts.status.Text, d.charts.msgCard.Visible())
	}
}

// A chart that cannot be drawn says why on a card with the theme's
// background, not as bare text over the plot.
func TestWhyThereIsNoChartIsSaidOnACard(t *testing.T) {
	_, d := sampleDashboard(t)
	p := d.charts
	d.rangeSel.SetSelectedIndex(0) // the last 30 days
	p.period.SetSelectedIndex(2)   // by quarter: one period at most
	if p.img.Image != nil && p.msg.Text == "" {
		t.Skip("the last 30 days span two quarters today")
	}
	if !p.msgCard.Visible() || p.msg.Text == "" {
		t.Fatalf("no card: %q", p.msg.Text)
	}
	if _, _, _, a := p.msgBg.FillColor.RGBA(); a < 0xF000 {
		t.Errorf("the card's background is see-through (alpha %#x)", a)
	}
	p.period.SetSelectedIndex(1)
	d.rangeSel.SetSelectedIndex(2) // 12 months by month
	if p.msgCard.Visible() || p.img.Image == nil {
		t.Errorf("with a chart the card stays: %q", p.msg.Text)
	}
}

func TestTheExportChoiceIsKeptForTheNextSession(t *testing.T) {
	u, d := sampleDashboard(t)
	prefs := u.app.Preferences()
	if got := loadExport(prefs); got != defaultExport() {
		t.Errorf("a first session exports %+v, want the default", got)
	}
	want := exportChoice{preset: 3, size: charts.Size{WidthPx: 1600, HeightPx: 900, DPI: 200}, dark: true}
	var got exportChoice
	d.charts.askExport("Export chart", "Save PNG…", func(ex exportChoice) { got = ex })
	f := d.charts.exportForm
	f.width.SetText("1600")
	f.height.SetText("900")
	f.dpi.SetText("200")
	f.look.SetSelected(f.darkName)
	test.Tap(findButton(t, u.win.Canvas().Overlays().Top(), "Save PNG…"))
	if got != want {
		t.Fatalf("the dialog gave %+v, want %+v", got, want)
	}
	if again := loadExport(prefs); again != want {
		t.Errorf("the next session starts with %+v, want %+v", again, want)
	}
	prefs.SetString(prefExport, "0 10 10 5000 0")
	if bad := loadExport(prefs); bad != defaultExport() {
		t.Errorf("a stored size the charts cannot draw gave %+v", bad)
	}
}

// findButton finds the button labelled text in o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

func absf(v float32) float32 { return max(v, -v) }
