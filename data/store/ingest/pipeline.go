package ingest

import (
	"errors"
	"sync"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
)

// pipeline carries converted responses to the store in batches, in three
// stages that overlap: the caller reads and converts rows and fills a
// batch; a goroutine prepares the batch before it (validating, encoding,
// counting: ImportTx.Prepare, a read transaction); another writes the one
// before that (ImportTx.AddPrepared: its rows and the lists of what it
// replaces, in one write transaction and its commit). The hand-overs
// are unbuffered, so at most four batches are in memory whatever the size
// of the file.
//
// The first error of any stage stops the pipeline: add and close return it,
// later batches are dropped unwritten, and the caller aborts the import.
type pipeline struct {
	tx   *store.ImportTx
	sid  uint64 // the survey of what a batch replaces
	size int
	conv *importer.Converter

	cur     batch
	toPrep  chan batch
	toStore chan prepared
	back    chan []data.Response // written rows, for their maps to be reused
	wg      sync.WaitGroup

	mu      sync.Mutex
	failure error
	closed  bool
}

// batch is what one store transaction writes: new rows, and with Replace
// what they replace: the IDs of stored responses (old) and the rows that
// carry the ID of a stored response (same), which the store keeps aside
// until ImportTx.Finish.
type batch struct {
	rows     []data.Response
	old      []data.ResponseID
	same     []data.Response
	contacts []data.Contact // contacts[i] of rows[i], made by the first row with one
}

func (b *batch) size() int { return len(b.rows) + len(b.same) }

type prepared struct {
	batch
	p *store.PreparedBatch
}

// maxBatches is how many batches can be anywhere in the pipeline at once.
const maxBatches = 5

func newPipeline(tx *store.ImportTx, sid uint64, size int, conv *importer.Converter) *pipeline {
	pl := &pipeline{
		tx: tx, sid: sid, size: size, conv: conv,
		toPrep:  make(chan batch),
		toStore: make(chan prepared),
		back:    make(chan []data.Response, maxBatches),
	}
	pl.cur.rows = pl.newRows()
	pl.wg.Add(2)
	go pl.prepare()
	go pl.write()
	return pl
}

func (pl *pipeline) newRows() []data.Response {
	return make([]data.Response, 0, min(pl.size, 1<<14))
}

// err returns the first error of the pipeline's stages, if any.
func (pl *pipeline) err() error {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	return pl.failure
}

func (pl *pipeline) fail(err error) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if pl.failure == nil {
		pl.failure = err
	}
}

// prepare is the middle stage.
func (pl *pipeline) prepare() {
	defer pl.wg.Done()
	defer close(pl.toStore)
	for b := range pl.toPrep {
		if pl.err() != nil {
			continue // drain
		}
		p, err := pl.tx.Prepare(store.ImportBatch{Rows: b.rows, SurveyID: pl.sid, Replace: b.old, Same: b.same, Contacts: b.contacts})
		if err != nil {
			pl.fail(err)
			continue
		}
		pl.toStore <- prepared{b, p}
	}
}

// write is the last stage.
func (pl *pipeline) write() {
	defer pl.wg.Done()
	for j := range pl.toStore {
		if pl.err() != nil {
			continue // drain
		}
		err := pl.tx.AddPrepared(j.p)
		if errors.Is(err, store.ErrStale) { // the survey was saved meanwhile
			err = pl.tx.Add(j.p.Batch())
		}
		if err != nil {
			pl.fail(err)
			continue
		}
		select {
		case pl.back <- j.rows:
		default: // the caller has enough spares; the garbage collector takes it
		}
	}
}

// add appends r to the current batch, replacing the stored responses old
// (Replace), and hands the batch on when it is full. With same, r carries
// the ID of a stored response and is kept aside until the import finishes.
// It returns the first error of any stage.
func (pl *pipeline) add(r data.Response, same bool, old []data.ResponseID) error {
	if same {
		pl.cur.same = append(pl.cur.same, r)
	} else {
		pl.cur.rows = append(pl.cur.rows, r)
		if c := pl.conv.LastContact(); !c.Empty() { // the row's contact, stored apart
			for len(pl.cur.contacts) < len(pl.cur.rows)-1 {
				pl.cur.contacts = append(pl.cur.contacts, data.Contact{})
			}
			pl.cur.contacts = append(pl.cur.contacts, c)
		}
	}
	pl.cur.old = append(pl.cur.old, old...)
	if pl.cur.size() < pl.size {
		return nil
	}
	return pl.flush()
}

// flush hands the current batch on (waiting while the next stage is busy)
// and starts a new one, reusing a written batch when there is one.
func (pl *pipeline) flush() error {
	if err := pl.err(); err != nil {
		return err
	}
	if pl.cur.size() == 0 {
		return nil
	}
	pl.toPrep <- pl.cur
	pl.cur = batch{}
	select {
	case spare := <-pl.back:
		pl.conv.Recycle(spare) // the store keeps nothing of them
		clear(spare)
		pl.cur.rows = spare[:0]
	default:
		pl.cur.rows = pl.newRows()
	}
	return pl.err()
}

// close writes the last batch, waits for every stage to finish and returns
// the first error of any stage. After close, nothing of the pipeline runs.
func (pl *pipeline) close() error {
	err := pl.flush()
	pl.stop()
	if err != nil {
		return err
	}
	return pl.err()
}

// stop ends the pipeline without writing the current batch and waits for
// the batches in flight to be written or dropped. It may be called more
// than once.
func (pl *pipeline) stop() {
	pl.mu.Lock()
	closed := pl.closed
	pl.closed = true
	pl.mu.Unlock()
	if !closed {
		close(pl.toPrep)
	}
	pl.wg.Wait()
}
