// Package scanbatch turns the pages a scan batch read into forms: it groups
// identified pages by their form serial, decides which forms are stored at
// once (every question read clearly) and which go to the review queue (a
// question unclear, a page missing, a serial seen twice or already stored),
// and builds the data.Response of each form with the batch header (date,
// channel, location, staff) as typed entry would.
//
// It is pure: no files, no store. Run (run.go) drives a whole batch —
// reading the files with data/scan, asking a Storage what is already known
// and saving the result in one transaction — for the command line and the
// window alike.
package scanbatch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"sort"
	"strings"
	"time"

	"csatdesk/data"
	"csatdesk/data/scan"
)

// SourcePrefix opens the Source of every response a scan batch stored:
// "scan:" and the first 16 hex digits of the batch's hash.
const SourcePrefix = "scan:"

// Source returns the Source of the responses of a batch with this hash.
func Source(batchHash string) string { return SourcePrefix + batchHash[:min(len(batchHash), 16)] }

// Problems a form in review carries, as data.Problem kinds (English
// templates; the window translates them).
const (
	// KindAlreadyEntered: a response with the form's serial is stored.
	KindAlreadyEntered data.ProblemKind = "form {{.Serial}} was already entered"
	// KindInQueue: the serial is in the review queue already.
	KindInQueue data.ProblemKind = "form {{.Serial}} is already waiting for review"
	// KindSerialTwice: two pages of the batch carry the same serial and page.
	KindSerialTwice data.ProblemKind = "page {{.Page}} of form {{.Serial}} is in the batch twice"
	// KindPageMissing: a page of the form was not in the batch.
	KindPageMissing data.ProblemKind = "page {{.Page}} of form {{.Serial}} is missing"
	// KindPageUnread: a page looks like a form but its code or
	// resolution failed; it waits in the queue with its image.
	KindPageUnread data.ProblemKind = "this page could not be read: {{.Problem}}"
	// KindHasWriting: a writing space holds handwriting to type.
	KindHasWriting data.ProblemKind = "form {{.Serial}} has handwriting to type"
)

// Header is what the person says about the whole batch, as in typed entry.
type Header struct {
	// Date is the collection date of every form (required).
	Date    time.Time
	Channel string
	// Tags are segment tags (location, staff…); empty values are left out.
	Tags map[string]string
}

// PageRef says where a page image came from.
type PageRef struct {
	File  string `json:"file"`
	Index int    `json:"index"`
	// Hash is the hex SHA-256 of the page image's pixels (PageHash).
	Hash string `json:"sha256"`
}

// Page is one page read: what the reader found and the crops cut from the
// straightened page (taken at once, so the page image itself need not be
// kept).
type Page struct {
	Ref  PageRef
	Read *scan.PageRead
	// Rows are PNG crops of each question's row, by question ID.
	Rows map[uint32][]byte
	// Writes are PNG crops of the writing spaces on the page: open
	// questions by ID, the general comment under ID 0.
	Writes map[uint32][]byte
	// Writing says which writing spaces hold handwriting (HasWriting).
	Writing map[uint32]bool
	// Image is a small PNG of a page not identified that looks like a
	// form whose code or resolution failed (ToReview), for the queue.
	Image []byte
}

// Unclear is one question a reviewer must decide.
type Unclear struct {
	QuestionID uint32     `json:"q"`
	Suggested  int        `json:"v"` // scan.NoAnswer for none
	State      scan.State `json:"s"`
	Confidence float64    `json:"c"`
	Scores     []float64  `json:"scores,omitempty"`
	// Crop is a PNG of the question's row.
	Crop []byte `json:"crop,omitempty"`
}

// Write is a writing space shown to the reviewer to type its text.
type Write struct {
	// QuestionID is the open question, 0 for the general comment.
	QuestionID uint32 `json:"q"`
	Crop       []byte `json:"crop"`
	// Writing says the space seems to hold handwriting.
	Writing bool `json:"writing,omitempty"`
}

// Form is one printed form of the batch, put together from its pages.
type Form struct {
	SurveyID uint64 `json:"survey"`
	Serial   string `json:"serial"`
	// Pages are the form's pages, in page order.
	Pages []PageRef `json:"pages"`
	// Questions is every question read, in print order (audit).
	Questions []scan.QuestionRead `json:"questions"`
	// Response holds the clear answers and the batch header; the store
	// fills its ID and version.
	Response data.Response `json:"response"`
	// Unclear are the questions to review, least confident first.
	Unclear []Unclear `json:"unclear,omitempty"`
	// Writes are the writing spaces (to type the comment).
	Writes []Write `json:"writes,omitempty"`
	// Problems say why the form is in review beyond its unclear questions.
	Problems []data.Problem `json:"problems,omitempty"`
	// PageImage, for a page that could not be identified (SurveyID 0), is
	// a small PNG of it, for a person to look at.
	PageImage []byte `json:"page_image,omitempty"`
}

// NeedsReview reports whether the form goes to the review queue.
func (f *Form) NeedsReview() bool {
	if len(f.Unclear) > 0 || len(f.Problems) > 0 {
		return true
	}
	for _, w := range f.Writes {
		if w.Writing {
			return true
		}
	}
	return false
}

// SurveyOf returns a survey by ID (the store's Survey).
type SurveyOf func(id uint64) (data.Survey, error)

// Assemble groups identified pages into forms. find gives the layout of a
// page code, survey the survey. Pages of a form not identified stay out
// (the caller reports them). A form whose layout or survey is gone is
// reported as an error per page in notRead.
func Assemble(pages []Page, find scan.Finder, survey SurveyOf, h Header, source string) (forms []Form, notRead []Page) {
	type key struct {
		sid    uint64
		serial string
	}
	groups := map[key][]Page{}
	var order []key
	for _, p := range pages {
		if p.Read == nil || !p.Read.Identified {
			notRead = append(notRead, p)
			continue
		}
		k := key{p.Read.Code.SurveyID, p.Read.Code.Serial}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p)
	}
	for _, k := range order {
		ps := groups[k]
		lay, err := find(ps[0].Read.Code)
		if err == nil && lay == nil {
			err = fmt.Errorf("this database has no layout %s", ps[0].Read.Code.Layout)
		}
		var sv data.Survey
		if err == nil {
			sv, err = survey(k.sid)
		}
		if err != nil {
			for _, p := range ps {
				p.Read.Identified = false
				p.Read.Problem = fmt.Sprintf("form %s: %v", k.serial, err)
				notRead = append(notRead, p)
			}
			continue
		}
		forms = append(forms, assembleForm(&sv, lay, ps, h, source))
	}
	return forms, notRead
}

// assembleForm builds the form of survey sv, printed with layout lay, from
// its pages ps.
func assembleForm(sv *data.Survey, lay *scan.Layout, ps []Page, h Header, source string) Form {
	serial := ps[0].Read.Code.Serial
	f := Form{SurveyID: sv.ID, Serial: serial}
	byPage := map[int]Page{}
	for _, p := range ps {
		n := p.Read.Code.Page
		if _, dup := byPage[n]; dup {
			f.Problems = append(f.Problems, data.NewProblem(KindSerialTwice, "Page", n, "Serial", serial))
			continue
		}
		byPage[n] = p
	}
	r := data.Response{
		SurveyID:    sv.ID,
		CollectedAt: h.Date,
		Source:      source,
		Channel:     h.Channel,
		FormNumber:  serial,
	}
	for k, v := range h.Tags {
		if v != "" {
			if r.Tags == nil {
				r.Tags = map[string]string{}
			}
			r.Tags[k] = v
		}
	}
	kinds := map[uint32]data.Question{}
	for _, q := range sv.Questions {
		kinds[q.ID] = q
	}
	for i, pl := range lay.Pages {
		n := i + 1
		p, ok := byPage[n]
		if !ok {
			f.Problems = append(f.Problems, data.NewProblem(KindPageMissing, "Page", n, "Serial", serial))
			for _, qb := range pl.Questions {
				if len(qb.Boxes) > 0 {
					f.Unclear = append(f.Unclear, Unclear{QuestionID: qb.QuestionID, Suggested: scan.NoAnswer, State: scan.Unread})
				}
			}
			continue
		}
		f.Pages = append(f.Pages, p.Ref)
		reads := map[uint32]scan.QuestionRead{}
		for _, qr := range p.Read.Questions {
			reads[qr.QuestionID] = qr
		}
		for _, qb := range pl.Questions {
			q, known := kinds[qb.QuestionID]
			if len(qb.Boxes) == 0 {
				w := Write{QuestionID: qb.QuestionID, Crop: p.Writes[qb.QuestionID], Writing: p.Writing[qb.QuestionID]}
				f.Writes = append(f.Writes, w)
				continue
			}
			qr, ok := reads[qb.QuestionID]
			if !ok {
				qr = scan.QuestionRead{QuestionID: qb.QuestionID, Value: scan.NoAnswer, State: scan.Unread}
			}
			f.Questions = append(f.Questions, qr)
			if known && !q.Retired && qr.State == scan.Clear && qr.Value != scan.NoAnswer &&
				(qr.Value < q.Min || qr.Value > q.Max) {
				qr.State = scan.Unread // a value off the survey's scale: never stored unseen
			}
			optional := known && !q.RequiredIn(sv.Version)
			if qr.State == scan.Clear && !optional && qr.Value == scan.NoAnswer {
				qr.State = scan.Blank
			}
			if !qr.Accepted(optional) {
				f.Unclear = append(f.Unclear, Unclear{QuestionID: qr.QuestionID, Suggested: qr.Value, State: qr.State,
					Confidence: qr.Confidence, Scores: qr.Scores, Crop: p.Rows[qb.QuestionID]})
				continue
			}
			if qr.State == scan.Clear && qr.Value != scan.NoAnswer && known {
				if r.Answers == nil {
					r.Answers = map[uint32]int{}
				}
				r.Answers[qr.QuestionID] = qr.Value
			}
		}
		if !empty(pl.Comment) {
			f.Writes = append(f.Writes, Write{QuestionID: 0, Crop: p.Writes[0], Writing: p.Writing[0]})
		}
	}
	for _, w := range f.Writes {
		if w.Writing && len(f.Unclear) == 0 && len(f.Problems) == 0 {
			f.Problems = append(f.Problems, data.NewProblem(KindHasWriting, "Serial", serial))
			break
		}
	}
	sort.SliceStable(f.Unclear, func(i, j int) bool { return f.Unclear[i].Confidence < f.Unclear[j].Confidence })
	f.Response = r
	return f
}

// CutPage makes a Page from what scan.Read returned: the row crop of every
// question and the crop of every writing space, as PNG, and whether each
// writing space holds handwriting. rect may be nil (a page not identified)
// and lay nil (no layout found).
func CutPage(ref PageRef, pr *scan.PageRead, rect *image.Gray, lay *scan.Layout) Page {
	p := Page{Ref: ref, Read: pr}
	if rect == nil || lay == nil || pr == nil || !pr.Identified {
		return p
	}
	n := pr.Code.Page - 1
	if n < 0 || n >= len(lay.Pages) {
		return p
	}
	pl := lay.Pages[n]
	p.Rows, p.Writes, p.Writing = map[uint32][]byte{}, map[uint32][]byte{}, map[uint32]bool{}
	for _, qb := range pl.Questions {
		if len(qb.Boxes) == 0 {
			c := scan.Crop(rect, qb.Write)
			p.Writes[qb.QuestionID] = pngOf(c)
			p.Writing[qb.QuestionID] = HasWriting(c)
			continue
		}
		p.Rows[qb.QuestionID] = pngOf(scan.Crop(rect, qb.Row))
	}
	if !empty(pl.Comment) {
		c := scan.Crop(rect, pl.Comment)
		p.Writes[0] = pngOf(c)
		p.Writing[0] = HasWriting(c)
	}
	return p
}

// pngOf encodes g as PNG; nil for an empty image.
func pngOf(g *image.Gray) []byte {
	if g == nil || g.Bounds().Empty() {
		return nil
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, g); err != nil {
		return nil
	}
	return b.Bytes()
}

// HasWriting reports whether a writing space (a crop of the straightened
// page) seems to hold handwriting. The printed ruling is left out: a pixel
// row whose dark pixels span most of the width is a printed line (or the
// frame), and so is a column dark over most of the height. Handwriting is
// then more than 0.4 % of the remaining pixels darker than half the paper
// white.
func HasWriting(g *image.Gray) bool {
	if g == nil {
		return false
	}
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	if w < 4 || h < 4 {
		return false
	}
	// Paper white: the 90th percentile of the grey levels.
	var hist [256]int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for _, v := range g.Pix[g.PixOffset(b.Min.X, y) : g.PixOffset(b.Min.X, y)+w] {
			hist[v]++
		}
	}
	white, seen := 255, 0
	for v := 255; v >= 0; v-- {
		seen += hist[v]
		if seen >= w*h/10 {
			white = v
			break
		}
	}
	thr := uint8(white / 2)
	dark := func(x, y int) bool { return g.Pix[g.PixOffset(x, y)] < thr }
	ruledRow := make([]bool, h)
	for y := 0; y < h; y++ {
		n := 0
		for x := 0; x < w; x++ {
			if dark(b.Min.X+x, b.Min.Y+y) {
				n++
			}
		}
		ruledRow[y] = n > w*6/10
	}
	ruledCol := make([]bool, w)
	for x := 0; x < w; x++ {
		n := 0
		for y := 0; y < h; y++ {
			if dark(b.Min.X+x, b.Min.Y+y) {
				n++
			}
		}
		ruledCol[x] = n > h*6/10
	}
	ink, area := 0, 0
	for y := 0; y < h; y++ {
		if ruledRow[y] || (y > 0 && ruledRow[y-1]) || (y+1 < h && ruledRow[y+1]) {
			continue
		}
		for x := 0; x < w; x++ {
			if ruledCol[x] || (x > 0 && ruledCol[x-1]) || (x+1 < w && ruledCol[x+1]) {
				continue
			}
			area++
			if dark(b.Min.X+x, b.Min.Y+y) {
				ink++
			}
		}
	}
	return area > 0 && ink*1000 > area*4
}

// PageHash returns the hex SHA-256 of an image's pixels (its size, then
// its samples), so the same page read again — from the same file or a
// copy under another name — is recognised.
func PageHash(img image.Image) string {
	h := sha256.New()
	b := img.Bounds()
	fmt.Fprintf(h, "%d,%d,%d,%d;", b.Min.X, b.Min.Y, b.Max.X, b.Max.Y)
	switch m := img.(type) {
	case *image.Gray:
		rows(h, m.Pix, m.Stride, b.Dx(), b.Dy(), m.PixOffset(b.Min.X, b.Min.Y))
	case *image.RGBA:
		rows(h, m.Pix, m.Stride, 4*b.Dx(), b.Dy(), m.PixOffset(b.Min.X, b.Min.Y))
	case *image.NRGBA:
		rows(h, m.Pix, m.Stride, 4*b.Dx(), b.Dy(), m.PixOffset(b.Min.X, b.Min.Y))
	case *image.YCbCr:
		h.Write([]byte{byte(m.SubsampleRatio)})
		h.Write(m.Y)
		h.Write(m.Cb)
		h.Write(m.Cr)
	case *image.CMYK:
		rows(h, m.Pix, m.Stride, 4*b.Dx(), b.Dy(), m.PixOffset(b.Min.X, b.Min.Y))
	default:
		c := image.NewRGBA(b)
		draw.Draw(c, b, img, b.Min, draw.Src)
		rows(h, c.Pix, c.Stride, 4*b.Dx(), b.Dy(), 0)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func rows(h interface{ Write([]byte) (int, error) }, pix []byte, stride, n, height, off int) {
	for y := 0; y < height; y++ {
		o := off + y*stride
		if o+n > len(pix) {
			return
		}
		_, _ = h.Write(pix[o : o+n])
	}
}

// empty reports whether r has no area (a layout field left zero).
func empty(r scan.Rect) bool { return r.W <= 0 || r.H <= 0 }

// ToReview reports whether a page that was not identified goes to the
// review queue with its image: its corner squares were found but its code
// could not be read, or its resolution is too low — a form, most likely,
// that a person can enter by hand. Other pages (not a form, blank, another
// app's code, an unreadable file) are only reported.
func ToReview(problem string) bool {
	for _, m := range []string{scan.MsgNoCode, scan.MsgBadCode, scan.MsgLowRes} {
		if i := strings.Index(m, "%"); i >= 0 {
			m = m[:i]
		}
		if strings.HasPrefix(problem, m) {
			return true
		}
	}
	return false
}

// Thumbnail returns img at most width pixels wide, grey, as PNG.
func Thumbnail(img image.Image, width int) []byte {
	b := img.Bounds()
	if b.Empty() {
		return nil
	}
	w := min(width, b.Dx())
	h := max(1, b.Dy()*w/b.Dx())
	g := image.NewGray(image.Rect(0, 0, w, h))
	sx, sy := float64(b.Dx())/float64(w), float64(b.Dy())/float64(h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			// The darkest of a few samples keeps thin pen strokes.
			v := uint8(255)
			for _, d := range [...][2]float64{{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}} {
				px := b.Min.X + int((float64(x)+d[0])*sx)
				py := b.Min.Y + int((float64(y)+d[1])*sy)
				if c := color.GrayModel.Convert(img.At(px, py)).(color.Gray); c.Y < v {
					v = c.Y
				}
			}
			g.Pix[y*g.Stride+x] = v
		}
	}
	return pngOf(g)
}
