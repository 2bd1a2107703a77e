package paperform

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"csatdesk/data"
	"csatdesk/data/scan"
)

// Layout in points (1/72 inch).
const (
	margin     = 54.0 // left and right: 3 mm clear of the corner squares
	topMargin  = 36.0
	botMargin  = 30.0
	footerH    = 22.0
	rightColW  = 196.0 // page code, form number and date
	numBoxH    = qrSize
	gutter     = 22.0 // question number column
	qSize      = 10.5 // question text
	qLineH     = 14.0
	qMaxLines  = 12
	qPadMax    = 7.0 // above each question
	labelSize  = 7.0
	labelLineH = 8.5
	dateBoxW   = 13.0
	dateBoxH   = 17.0
	dateGap    = 10.0
	dateW      = 8*dateBoxW + 2*dateGap
	ruleGapMax = 19.0 // between lines to write on
)

// block is one vertical piece of a form: a question or the contact area.
type block struct {
	h    float64
	draw func(y float64)
}

// form lays out one survey once and draws it for every form number.
type form struct {
	p        *printer
	sv       data.Survey
	w        words
	business string
	letter   bool

	sp            float64 // spacing factor: 1, less to fit one page
	qPad, ruleGap float64

	x, cw   float64 // content left and width
	header  func(number string)
	headerH float64 // first page header bottom
	contH   float64 // continuation page header bottom
	pages   [][]placed

	// rec records the layout while a form is drawn (nil otherwise);
	// code is the layout hash printed in every page code.
	rec  *recorder
	code string
}

type placed struct {
	y float64
	b block
}

// layout places the blocks on pages. When a form does not fit on one
// page it tries tighter spacing, and keeps it if that saves a page.
func (f *form) layout() error {
	p := f.p
	f.x, f.cw = margin, p.W-2*margin
	f.layoutHeader()
	var best [][]placed
	bestSp := 1.0
	for _, sp := range []float64{1, 0.75, 0.5} {
		f.spacing(sp)
		pages := f.paginate()
		if best == nil || len(pages) < len(best) {
			best, bestSp = pages, sp
		}
		if len(best) == 1 {
			break
		}
	}
	f.spacing(bestSp) // the blocks read it when they are drawn
	f.pages = best
	return p.err
}

func (f *form) spacing(sp float64) {
	f.sp, f.qPad, f.ruleGap = sp, qPadMax*sp, max(ruleGapMax*sp, 17)
}

// paginate lays out the questions and the contact area at the current
// spacing and breaks them into pages.
func (f *form) paginate() [][]placed {
	var blocks []block
	hasText := false
	for i, q := range f.sv.Active() { // retired questions are no longer asked
		blocks = append(blocks, f.question(i+1, q))
		hasText = hasText || q.Kind == data.KindText
	}
	blocks = append(blocks, f.contact(!hasText))

	bottom := f.p.H - botMargin - footerH
	y := f.headerH
	var pages [][]placed
	page := []placed{}
	for _, b := range blocks {
		if y+b.h > bottom && (len(page) > 0 || y > f.contH) {
			pages = append(pages, page)
			page = []placed{}
			y = f.contH
		}
		page = append(page, placed{y, b})
		y += b.h
	}
	return append(pages, page)
}

// draw prints every page of one form.
func (f *form) draw(number string) {
	p := f.p
	n := len(f.pages)
	for i, page := range f.pages {
		p.pdf.AddPage()
		p.marks()
		qx, qy := f.qrRect()
		p.qr(qx, qy, qrSize, scan.Code{SurveyID: f.sv.ID, Layout: f.code, Serial: number, Page: i + 1}.String())
		if f.rec != nil {
			f.rec.l.Pages = append(f.rec.l.Pages, scan.PageLayout{QR: mmRect(qx, qy, qrSize, qrSize)})
		}
		if i == 0 {
			f.header(number)
		} else {
			f.contHeader(number)
		}
		for j, pl := range page {
			if j > 0 {
				p.gray(0.85)
				p.lineWidth(0.4)
				p.line(f.x, pl.y, f.x+f.cw, pl.y)
			}
			pl.b.draw(pl.y)
		}
		f.footer(i+1, n, number)
	}
}

// numberBox draws the form number in the top right corner, right of the
// page code.
func (f *form) numberBox(number string) {
	p := f.p
	w := rightColW - qrSize - qrGap
	x := p.W - margin - w
	y := topMargin
	p.gray(0.15)
	p.lineWidth(1.2)
	p.roundBox(x, y, w, numBoxH, 4)
	p.gray(0.35)
	p.text(x+8, y+6, p.clean(f.w.FormNo), 7.5)
	size := 18.0
	num := p.clean(number)
	for size > 8 && p.measure(num, size) > w-16 {
		size--
	}
	p.gray(0)
	p.textRight(x+w-8, y+(numBoxH-size)/2, num, size)
	// A box for staff to tick once the sheet is entered.
	p.gray(0.45)
	p.lineWidth(0.6)
	p.box(x+8, y+numBoxH-15, 8, 8)
	p.text(x+20, y+numBoxH-15.5, p.clean(f.w.Entered), 6.5)
}

func (f *form) layoutHeader() {
	p := f.p
	lw := f.cw - rightColW - 16
	bus := p.wrap(f.business, 17, lw, 2)
	if strings.TrimSpace(f.business) == "" {
		bus = nil
	}
	name := p.wrap(f.sv.Name, 12.5, lw, 2)
	var desc []string
	if strings.TrimSpace(f.sv.Description) != "" {
		desc = p.wrap(f.sv.Description, 8.5, lw, 3)
	}
	left := topMargin + float64(len(bus))*21 + float64(len(name))*16 + float64(len(desc))*11
	ruleY := max(left, topMargin+numBoxH) + 8
	instr := p.wrap(f.w.Instruction, 8.5, f.cw-dateW-70, 3)
	rowH := max(float64(len(instr))*11, dateBoxH+9)
	f.headerH = ruleY + 8 + rowH + 6
	f.contH = topMargin + numBoxH + 14

	f.header = func(number string) {
		y := topMargin
		p.gray(0)
		for _, l := range bus {
			p.text(f.x, y, l, 17)
			y += 21
		}
		p.gray(0.2)
		for _, l := range name {
			p.text(f.x, y+1, l, 12.5)
			y += 16
		}
		p.gray(0.45)
		for _, l := range desc {
			p.text(f.x, y+1, l, 8.5)
			y += 11
		}
		f.numberBox(number)
		p.gray(0.15)
		p.lineWidth(1)
		p.line(f.x, ruleY, f.x+f.cw, ruleY)
		f.dateBoxes(p.W-margin-dateW, ruleY+8)
		p.gray(0.35)
		y = ruleY + 8 + max(0, (dateBoxH-11)/2)
		for _, l := range instr {
			p.text(f.x, y, l, 8.5)
			y += 11
		}
		if len(instr) > 0 { // the example: a crossed box after the words
			ex := f.x + p.measure(instr[len(instr)-1], 8.5) + 6
			ey := y - 11 - 1.5
			p.gray(0.15)
			p.lineWidth(0.8)
			p.box(ex, ey, 12, 12)
			p.lineWidth(1.3)
			p.gray(0)
			p.line(ex+2, ey+2, ex+10, ey+10)
			p.line(ex+10, ey+2, ex+2, ey+10)
		}
	}
}

// dateBoxes draws "Date [ ][ ] / [ ][ ] / [ ][ ][ ][ ]" with captions.
func (f *form) dateBoxes(x, y float64) {
	p := f.p
	const bw, bh, gap = dateBoxW, dateBoxH, dateGap
	type group struct {
		n   int
		cap string
	}
	day, month, year := group{2, f.w.Day}, group{2, f.w.Month}, group{4, f.w.Year}
	groups := []group{day, month, year}
	switch {
	case f.w.YearFirst:
		groups = []group{year, month, day}
	case f.letter && f.w.Day == "DD": // US English: month first
		groups = []group{month, day, year}
	}
	f.recordDate(x, y, 8*bw+2*gap, bh)
	bx := x
	p.gray(0.2)
	p.textRight(bx-6, y+(bh-9)/2-1, p.clean(f.w.Date), 9)
	p.lineWidth(0.7)
	for gi, g := range groups {
		gx := bx
		for i := 0; i < g.n; i++ {
			p.gray(0.35)
			p.box(bx, y, bw, bh)
			bx += bw
		}
		p.gray(0.5)
		p.textCenter((gx+bx)/2, y+bh+1.5, p.clean(g.cap), 6)
		if gi < 2 {
			p.gray(0.4)
			p.textCenter(bx+gap/2, y+2, "/", 10)
			bx += gap
		}
	}
}

func (f *form) contHeader(number string) {
	p := f.p
	lw := f.cw - rightColW - 16
	p.gray(0.2)
	title := f.sv.Name
	if f.business != "" {
		title = f.business + " · " + title
	}
	lines := p.wrap(title+" "+f.w.Continued, 10, lw, 2)
	y := topMargin + 4
	for _, l := range lines {
		p.text(f.x, y, l, 10)
		y += 13
	}
	f.numberBox(number)
	p.gray(0.15)
	p.lineWidth(1)
	p.line(f.x, f.contH-6, f.x+f.cw, f.contH-6)
}

func (f *form) footer(page, pages int, number string) {
	p := f.p
	y := p.H - botMargin - 12
	if page == pages {
		p.gray(0.2)
		p.textCenter(p.W/2, y, p.clean(f.w.ThankYou), 10.5)
	}
	if pages > 1 {
		p.gray(0.45)
		p.textRight(p.W-margin, y+2, p.clean(fmt.Sprintf(f.w.Page, page, pages)), 7.5)
		p.text(f.x, y+2, p.clean(f.w.FormNo+" "+number), 7.5)
	}
}

// question lays out one question.
func (f *form) question(n int, q data.Question) block {
	p := f.p
	tx := f.x + gutter
	tw := f.cw - gutter
	text := p.wrap(q.Text, qSize, tw, qMaxLines)
	textH := float64(len(text)) * qLineH
	ay := f.qPad + textH + 3*f.sp // answer area, relative to the block top
	var ah float64
	var answer func(y float64)
	switch q.Kind {
	case data.KindYesNo:
		ah, answer = f.yesNo(q, tx, tw)
	case data.KindChoice:
		ah, answer = f.choices(q, tx, tw)
	case data.KindText:
		ah, answer = 3*f.ruleGap, func(y float64) { f.rules(tx, y, tw, 3) }
	default:
		ah, answer = f.scale(q, tx, tw)
	}
	num := strconv.Itoa(n) + "."
	h := ay + ah + 6*f.sp
	return block{
		h: h,
		draw: func(y float64) {
			f.beginQuestion(q.ID, f.x, y, f.cw, h)
			p.gray(0.1)
			p.text(f.x, y+f.qPad, num, qSize)
			for i, l := range text {
				p.text(tx, y+f.qPad+float64(i)*qLineH, l, qSize)
			}
			if q.Kind == data.KindText {
				f.recordWrite(tx, y+ay, tw, ah)
			}
			answer(y + ay)
			f.endQuestion()
		},
	}
}

// rules draws n lines to write on, f.ruleGap apart, below y.
func (f *form) rules(x, y, w float64, n int) {
	p := f.p
	p.gray(0.6)
	p.lineWidth(0.5)
	for i := 1; i <= n; i++ {
		ly := y + float64(i)*f.ruleGap - 3
		p.line(x, ly, x+w, ly)
	}
}

// label returns the label of scale point i worth printing: not empty, not
// just the number, printable by the font.
func (f *form) label(q data.Question, v int) string {
	l := strings.TrimSpace(q.Label(v))
	if l == "" || l == strconv.Itoa(v) || !f.p.printable(l) {
		return ""
	}
	return l
}

// scale lays out circled numbers with labels for rating, NPS and CES.
func (f *form) scale(q data.Question, x, w float64) (float64, func(y float64)) {
	p := f.p
	n := q.Points()
	maxCell := 64.0
	if n > 7 {
		maxCell = 42
	}
	cell := min(w/float64(n), maxCell)
	// Labels under every point when each fits in three short lines,
	// otherwise under the end points only.
	each := make([][]string, n)
	fitEach, any := true, false
	for i := range n {
		l := f.label(q, q.Min+i)
		if l == "" {
			continue
		}
		any = true
		each[i] = p.wrap(l, labelSize, cell-4, 0)
		if len(each[i]) > 3 {
			fitEach = false
		}
		for _, tok := range tokens(l) { // a word split in two reads badly
			if p.measure(strings.TrimSpace(tok), labelSize) > cell-4 {
				fitEach = false
			}
		}
	}
	var ends [2][]string
	if !fitEach {
		for i := range each {
			each[i] = nil
		}
		endW := max(cell*float64(n)*0.45, cell)
		if l := f.label(q, q.Min); l != "" {
			ends[0] = p.wrap(l, labelSize, endW, 2)
		}
		if l := f.label(q, q.Max); l != "" {
			ends[1] = p.wrap(l, labelSize, endW, 2)
		}
	}
	lines := 0
	for _, e := range each {
		lines = max(lines, len(e))
	}
	lines = max(lines, len(ends[0]), len(ends[1]))
	// Faces (emoji labels the font cannot print) are drawn under the boxes.
	moods := make([]float64, n)
	faces := false
	for i := range n {
		if m, ok := faceMood[strings.TrimSpace(q.Label(q.Min+i))]; ok {
			moods[i], faces = m, true
		} else {
			moods[i] = math.NaN()
		}
	}
	// The number above its box, the words under it: nothing is printed
	// inside a box, so only the customer's cross is ink there.
	d := numRowH + boxSide
	h := d
	labelY := d + 4 // below the box: faces, then words
	if faces {
		labelY += faceD + 3
		h = labelY
	}
	if any && lines > 0 {
		h = labelY + float64(lines)*labelLineH
	}
	numSize := 9.5
	return h, func(y float64) {
		for i := range n {
			cx := x + cell*(float64(i)+0.5)
			p.gray(0.1)
			p.textCenter(cx, y, strconv.Itoa(q.Min+i), numSize)
			f.answerBox(cx-boxSide/2, y+numRowH, q.Min+i)
			if !math.IsNaN(moods[i]) {
				p.face(cx, y+d+4+faceD/2, faceD, moods[i])
			}
			p.gray(0.35)
			for j, l := range each[i] {
				p.textCenter(cx, y+labelY+float64(j)*labelLineH, l, labelSize)
			}
		}
		p.gray(0.35)
		for j, l := range ends[0] {
			p.text(x+cell/2-boxSide/2, y+labelY+float64(j)*labelLineH, l, labelSize)
		}
		for j, l := range ends[1] {
			p.textRight(x+cell*(float64(n)-0.5)+boxSide/2, y+labelY+float64(j)*labelLineH, l, labelSize)
		}
	}
}

// tickItem is a tick box with its (wrapped) label, placed in a flow.
type tickItem struct {
	dx, dy float64
	lines  []string
	value  int
}

const (
	tickBox    = boxSide
	tickSize   = 10.0
	tickLineH  = 13.0
	tickRowGap = 3.5 * mmPt               // between rows of boxes: a cross stays in its box
	numRowH    = 12.0                     // a scale number above its box
	tickTextDY = (boxSide-tickSize)/2 - 1 // a label's first line, centred on its box
)

// flow places tick items (label i answers values[i]) left to right,
// wrapping rows within w.
func (f *form) flow(labels []string, values []int, w float64) ([]tickItem, float64) {
	p := f.p
	var items []tickItem
	x, y, rowH := 0.0, 0.0, 0.0
	for i, l := range labels {
		lines := p.wrap(l, tickSize, w-tickBox-6, 4)
		iw := tickBox + 6 + p.widest(lines, tickSize) + 24
		ih := max(float64(len(lines))*tickLineH+tickTextDY, tickBox)
		if x > 0 && x+iw-24 > w {
			x, y, rowH = 0, y+rowH+tickRowGap, 0
		}
		items = append(items, tickItem{dx: x, dy: y, lines: lines, value: values[i]})
		x += iw
		rowH = max(rowH, ih)
	}
	return items, y + rowH
}

func (f *form) drawTicks(items []tickItem, x, y float64) {
	p := f.p
	for _, it := range items {
		f.answerBox(x+it.dx, y+it.dy, it.value)
		p.gray(0.1)
		for j, l := range it.lines {
			p.text(x+it.dx+tickBox+6, y+it.dy+tickTextDY+float64(j)*tickLineH, l, tickSize)
		}
	}
}

// yesNo lays out "☐ Yes  ☐ No" (yes first, as people read it).
func (f *form) yesNo(q data.Question, x, w float64) (float64, func(y float64)) {
	yes, no := f.label(q, 1), f.label(q, 0)
	if yes == "" {
		yes = f.w.Yes
	}
	if no == "" {
		no = f.w.No
	}
	items, h := f.flow([]string{yes, no}, []int{1, 0}, w)
	return h, func(y float64) { f.drawTicks(items, x, y) }
}

func (f *form) choices(q data.Question, x, w float64) (float64, func(y float64)) {
	values := make([]int, len(q.Choices))
	for i := range values {
		values[i] = i + 1
	}
	items, h := f.flow(q.Choices, values, w)
	return h, func(y float64) { f.drawTicks(items, x, y) }
}

// contact lays out the closing area: comments (when the survey has no
// text question) and name / phone / email.
func (f *form) contact(comments bool) block {
	p := f.p
	pad := 10 * f.sp
	iw := f.cw - 2*pad
	var head []string
	h := f.qPad + pad
	if comments {
		head = p.wrap(f.w.Comments, 10, iw, 1)
		h += 13 + 3*f.ruleGap + 6
	}
	contact := p.wrap(f.w.Contact, 9.5, iw, 2)
	rows := 2.0
	if f.sp < 1 {
		rows = 1 // name, phone and email on one row
	}
	if f.sv.AsksAnyContact() { // the survey's own contact fields (contact.go)
		rows = f.contactRows()
	}
	h += float64(len(contact))*12 + rows*24 + pad
	return block{
		h: h + 6*f.sp,
		draw: func(y float64) {
			top := y + f.qPad
			p.gray(0.55)
			p.lineWidth(0.7)
			p.roundBox(f.x, top, f.cw, h-f.qPad, 5)
			x := f.x + pad
			y = top + pad
			if comments {
				p.gray(0.1)
				p.text(x, y, head[0], 10)
				f.recordComment(x, y+13, iw, 3*f.ruleGap)
				f.rules(x, y+13, iw, 3)
				y += 13 + 3*f.ruleGap + 6
			}
			p.gray(0.1)
			for _, l := range contact {
				p.text(x, y, l, 9.5)
				y += 12
			}
			field := func(fx, fy, fw float64, label string) {
				label = p.clean(label)
				p.gray(0.3)
				p.text(fx, fy+8, label, 9)
				lx := fx + p.measure(label, 9) + 6
				p.gray(0.6)
				p.lineWidth(0.5)
				p.line(lx, fy+19, fx+fw, fy+19)
			}
			if f.sv.AsksAnyContact() {
				f.drawContactFields(x, y, iw, field)
				return
			}
			if rows == 1 {
				field(x, y, iw*0.31, f.w.Name)
				field(x+iw*0.34, y, iw*0.27, f.w.Phone)
				field(x+iw*0.64, y, iw*0.36, f.w.Email)
				return
			}
			field(x, y, iw*0.58, f.w.Name)
			field(x+iw*0.62, y, iw*0.38, f.w.Phone)
			field(x, y+24, iw, f.w.Email)
		},
	}
}
