package scanbatch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"csatdesk/data"
	"csatdesk/data/scan"
)

// Storage is what a batch needs of the store (data/store.Store has these
// methods).
type Storage interface {
	Survey(id uint64) (data.Survey, error)
	// ScanPagesSeen returns which of the page hashes an earlier batch
	// stored.
	ScanPagesSeen(hashes []string) (map[string]bool, error)
	// FormNumberExists reports whether a response of the survey carries
	// the form number.
	FormNumberExists(surveyID uint64, form string) (bool, error)
	// ScanSerialQueued reports whether a form of the survey with this
	// serial waits in the review queue.
	ScanSerialQueued(surveyID uint64, serial string) (bool, error)
	// SaveScanBatch stores the batch in one transaction and returns its ID.
	SaveScanBatch(b *Batch) (uint64, error)
}

// Options control Run.
type Options struct {
	Header Header
	// Find gives the layout a page code names (the store's layouts).
	Find scan.Finder
	// Survey, when not 0, takes only forms of this survey; a page of
	// another survey is reported as not identified.
	Survey uint64
	// Progress, if set, is told how the batch goes after every page (from
	// Run's goroutine).
	Progress func(Progress)
	// Workers read pages in parallel; 0 means GOMAXPROCS.
	Workers int
	// ReadPage and PagesOf replace scan.Read and scan.Pages when set:
	// tests give fakes; the program leaves them nil.
	ReadPage func(scan.Page, scan.Finder) (*scan.PageRead, *image.Gray)
	PagesOf  func(context.Context, string, func(scan.Page) error) error
}

// Progress is how a running batch goes.
type Progress struct {
	// File is the file being read, FileN of Files.
	File         string
	FileN, Files int
	// Pages is how many page images were read so far.
	Pages   int
	Elapsed time.Duration
}

// PerSecond is the reading speed so far.
func (p Progress) PerSecond() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Pages) / p.Elapsed.Seconds()
}

// Batch is what one scan batch stores, in one transaction.
type Batch struct {
	// Hash names the batch: the SHA-256 of its pages' hashes, sorted.
	Hash    string
	Started time.Time
	Files   []string
	// Stored are the forms stored as responses now; Review the forms for
	// the review queue.
	Stored, Review []Form
	// Pages are every identified page, remembered so that scanning them
	// again is noticed.
	Pages []PageRef
	// Unread are pages not identified that go to the queue with their
	// image (ToReview), as forms of survey 0.
	Unread []Form
}

// Page outcomes in a PageReport.
const (
	PageRead          = "read"
	PageNotIdentified = "not identified"
	PageSkipped       = "already scanned"
)

// PageReport is one line of the per-page report.
type PageReport struct {
	Ref     PageRef
	Outcome string
	Serial  string
	Page    int
	Problem string
	Advice  string
	// Questions read on the page, and how many of them go to review.
	Questions, Unclear int
}

// Report is what a batch did.
type Report struct {
	// BatchID is the stored batch (0 when nothing was stored).
	BatchID uint64
	// Pages is every page image met; NotIdentified and Skipped are those
	// not read (already scanned: re-scanning detected).
	Pages         int
	NotIdentified []PageReport
	Skipped       []PageReport
	// FormsStored went straight to the responses; FormsReview to the
	// review queue.
	FormsStored, FormsReview int
	// QuestionsAuto were read clearly; QuestionsReview wait for a person.
	QuestionsAuto, QuestionsReview int
	// Advice is the reader's advice about the input, each once.
	Advice []string
	// PerPage is every page, in the order read.
	PerPage []PageReport
	// Problems say why forms went to review beyond unclear questions.
	Problems []data.Problem
	// PagesToReview are pages not identified that wait in the review
	// queue with their image (ToReview).
	PagesToReview int
	Elapsed       time.Duration
}

// Extensions are the file kinds a folder is searched for.
var Extensions = []string{".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png"}

// ExpandPaths returns the files to read: a file as it is, a folder's
// files with one of Extensions (not its subfolders), sorted by name.
func ExpandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("scan %s: %w", p, err)
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("scan folder %s: %w", p, err)
		}
		var names []string
		for _, e := range ents {
			if !e.IsDir() && slices.Contains(Extensions, strings.ToLower(filepath.Ext(e.Name()))) {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, filepath.Join(p, n))
		}
	}
	return out, nil
}

// ErrNoFiles means the paths named no file to read.
var ErrNoFiles = errors.New("no scans to read: give PDF, TIFF, JPEG or PNG files or a folder holding them")

// ProblemOtherSurvey is the problem of a page of another survey than the
// one chosen.
const ProblemOtherSurvey = scan.MsgOtherSurvey

// Run reads every page of files, puts the forms together, and stores the
// batch all or nothing: forms read clearly as responses, the rest in the
// review queue. Cancelling ctx stops it before anything is stored. A
// batch with no form stores nothing.
func Run(ctx context.Context, st Storage, files []string, opt Options) (Report, error) {
	start := time.Now()
	var rep Report
	if len(files) == 0 {
		return rep, ErrNoFiles
	}
	if opt.Header.Date.IsZero() {
		return rep, errors.New("scan: the batch needs a date")
	}
	read, pagesOf := opt.ReadPage, opt.PagesOf
	if read == nil {
		read = scan.Read
	}
	if pagesOf == nil {
		pagesOf = scan.Pages
	}
	find := opt.Find
	if find == nil {
		find = func(scan.Code) (*scan.Layout, error) { return nil, nil }
	}
	// Layouts are looked up once each.
	var lmu sync.Mutex
	layouts := map[string]*scan.Layout{}
	cached := func(c scan.Code) (*scan.Layout, error) {
		key := fmt.Sprint(c.SurveyID, "|", c.Layout)
		lmu.Lock()
		l, ok := layouts[key]
		lmu.Unlock()
		if ok {
			return l, nil
		}
		l, err := find(c)
		if err != nil {
			return nil, err
		}
		lmu.Lock()
		layouts[key] = l
		lmu.Unlock()
		return l, nil
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	type job struct {
		n int
		p scan.Page
	}
	type done struct {
		n    int
		page Page
	}
	jobs := make(chan job, workers)
	results := make(chan done, workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				ref := PageRef{File: j.p.File, Index: j.p.Index}
				if j.p.Err != nil || j.p.Image == nil {
					msg := "the page could not be decoded"
					if j.p.Err != nil {
						msg = j.p.Err.Error()
					}
					results <- done{n: j.n, page: Page{Ref: ref, Read: &scan.PageRead{File: j.p.File, Index: j.p.Index, Problem: msg}}}
					continue
				}
				ref.Hash = PageHash(j.p.Image)
				pr, rect := read(j.p, cached)
				if pr == nil {
					pr = &scan.PageRead{File: j.p.File, Index: j.p.Index, Problem: "the page could not be read"}
				}
				var lay *scan.Layout
				if pr.Identified {
					if opt.Survey != 0 && pr.Code.SurveyID != opt.Survey {
						pr.Identified, pr.Problem = false, ProblemOtherSurvey
					} else {
						lay, _ = cached(pr.Code)
					}
				}
				page := CutPage(ref, pr, rect, lay)
				if !pr.Identified && ToReview(pr.Problem) {
					page.Image = Thumbnail(j.p.Image, 900)
				}
				results <- done{n: j.n, page: page}
			}
		}()
	}
	var pages []Page
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		for d := range results {
			for len(pages) <= d.n {
				pages = append(pages, Page{})
			}
			pages[d.n] = d.page
		}
	}()
	n := 0
	var readErr error
	for i, f := range files {
		err := pagesOf(ctx, f, func(p scan.Page) error {
			if p.File == "" {
				p.File = f
			}
			select {
			case jobs <- job{n: n, p: p}:
			case <-ctx.Done():
				return ctx.Err()
			}
			n++
			if opt.Progress != nil {
				opt.Progress(Progress{File: f, FileN: i + 1, Files: len(files), Pages: n, Elapsed: time.Since(start)})
			}
			return nil
		})
		if ctx.Err() != nil {
			readErr = ctx.Err()
			break
		}
		if err != nil {
			// The file as a whole could not be read: one line for it.
			select {
			case jobs <- job{n: n, p: scan.Page{File: f, Index: 0, Err: err}}:
				n++
			case <-ctx.Done():
			}
		}
	}
	close(jobs)
	wg.Wait()
	close(results)
	<-collected
	if readErr != nil {
		return rep, readErr
	}
	rep.Pages = len(pages)

	// Pages scanned before, or twice in this batch, are skipped.
	var hashes []string
	for _, p := range pages {
		if p.Ref.Hash != "" {
			hashes = append(hashes, p.Ref.Hash)
		}
	}
	seen, err := st.ScanPagesSeen(hashes)
	if err != nil {
		return rep, err
	}
	inBatch := map[string]bool{}
	var keep []Page
	var unread []Form
	for _, p := range pages {
		pr := PageReport{Ref: p.Ref}
		if p.Read != nil {
			pr.Problem, pr.Advice = p.Read.Problem, p.Read.Advice
			if p.Read.Identified {
				pr.Serial, pr.Page = p.Read.Code.Serial, p.Read.Code.Page
				pr.Questions = len(p.Read.Questions)
				for _, q := range p.Read.Questions {
					if q.State != scan.Clear {
						pr.Unclear++
					}
				}
			}
		}
		switch {
		case p.Ref.Hash != "" && (seen[p.Ref.Hash] || inBatch[p.Ref.Hash]):
			pr.Outcome = PageSkipped
			rep.Skipped = append(rep.Skipped, pr)
		case p.Read == nil || !p.Read.Identified:
			pr.Outcome = PageNotIdentified
			if pr.Problem == "" {
				pr.Problem = "the page could not be read"
			}
			rep.NotIdentified = append(rep.NotIdentified, pr)
			if len(p.Image) > 0 {
				unread = append(unread, Form{Pages: []PageRef{p.Ref}, PageImage: p.Image,
					Problems: []data.Problem{data.NewProblem(KindPageUnread, "Problem", pr.Problem)}})
			}
		default:
			pr.Outcome = PageRead
			keep = append(keep, p)
		}
		if p.Ref.Hash != "" {
			inBatch[p.Ref.Hash] = true
		}
		if pr.Advice != "" && !slices.Contains(rep.Advice, pr.Advice) {
			rep.Advice = append(rep.Advice, pr.Advice)
		}
		rep.PerPage = append(rep.PerPage, pr)
	}

	b := Batch{Started: start, Files: files}
	sum := sha256.New()
	sorted := slices.Clone(hashes)
	slices.Sort(sorted)
	for _, h := range sorted {
		sum.Write([]byte(h))
	}
	b.Hash = hex.EncodeToString(sum.Sum(nil))
	forms, notRead := Assemble(keep, cached, st.Survey, opt.Header, Source(b.Hash))
	for _, p := range notRead {
		for i := range rep.PerPage {
			if rep.PerPage[i].Ref == p.Ref && rep.PerPage[i].Outcome == PageRead {
				rep.PerPage[i].Outcome = PageNotIdentified
				rep.PerPage[i].Problem = p.Read.Problem
				rep.NotIdentified = append(rep.NotIdentified, rep.PerPage[i])
			}
		}
	}
	// The per-page report counts the questions each page sends to review.
	perPage := map[PageRef]*PageReport{}
	for i := range rep.PerPage {
		perPage[rep.PerPage[i].Ref] = &rep.PerPage[i]
	}
	onPage := map[PageRef]map[uint32]bool{}
	for _, p := range keep {
		qs := map[uint32]bool{}
		for _, q := range p.Read.Questions {
			qs[q.QuestionID] = true
		}
		onPage[p.Ref] = qs
	}
	for _, f := range forms {
		for _, ref := range f.Pages {
			if pr := perPage[ref]; pr != nil {
				pr.Unclear = 0
				for _, u := range f.Unclear {
					if onPage[ref][u.QuestionID] {
						pr.Unclear++
					}
				}
			}
		}
	}
	for i := range forms {
		f := &forms[i]
		stored, err := st.FormNumberExists(f.SurveyID, f.Serial)
		if err != nil {
			return rep, err
		}
		if stored {
			f.Problems = append(f.Problems, data.NewProblem(KindAlreadyEntered, "Serial", f.Serial))
		} else if queued, err := st.ScanSerialQueued(f.SurveyID, f.Serial); err != nil {
			return rep, err
		} else if queued {
			f.Problems = append(f.Problems, data.NewProblem(KindInQueue, "Serial", f.Serial))
		}
		b.Pages = append(b.Pages, f.Pages...)
		rep.QuestionsReview += len(f.Unclear)
		rep.QuestionsAuto += len(f.Questions) - countUnclearRead(f)
		if f.NeedsReview() {
			b.Review = append(b.Review, *f)
			rep.Problems = append(rep.Problems, f.Problems...)
		} else {
			b.Stored = append(b.Stored, *f)
		}
	}
	rep.FormsStored, rep.FormsReview = len(b.Stored), len(b.Review)
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	b.Unread = unread
	rep.PagesToReview = len(unread)
	if len(forms)+len(unread) > 0 {
		id, err := st.SaveScanBatch(&b)
		if err != nil {
			return rep, fmt.Errorf("store the scan batch: %w", err)
		}
		rep.BatchID = id
		rep.FormsStored, rep.FormsReview = len(b.Stored), len(b.Review)
		rep.Problems = rep.Problems[:0]
		for _, f := range b.Review {
			rep.Problems = append(rep.Problems, f.Problems...)
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// countUnclearRead counts the unclear questions of f that were read from
// a page present (a missing page's questions were never read).
func countUnclearRead(f *Form) int {
	n := 0
	for _, u := range f.Unclear {
		for _, q := range f.Questions {
			if q.QuestionID == u.QuestionID {
				n++
				break
			}
		}
	}
	return n
}
