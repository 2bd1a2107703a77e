package store

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

func TestSurveyCRUD(t *testing.T) {
	st, _ := openTemp(t)
	a := mustCreateSurvey(t, st, "Front desk")
	b := mustCreateSurvey(t, st, "Delivery")

	t.Run("create assigns IDs, times and version 1", func(t *testing.T) {
		if a.ID != 1 || b.ID != 2 {
			t.Errorf("IDs %d, %d; want 1, 2", a.ID, b.ID)
		}
		if a.Created.IsZero() || !a.Created.Equal(a.Updated) || a.Version != 1 {
			t.Errorf("created %v updated %v version %d", a.Created, a.Updated, a.Version)
		}
	})
	t.Run("a survey reads back as written", func(t *testing.T) {
		got, err := st.Survey(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != a.Name || len(got.Questions) != len(a.Questions) || got.Questions[1].Kind != data.KindNPS || !got.Created.Equal(a.Created) {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("surveys are listed by ID", func(t *testing.T) {
		all, err := st.Surveys()
		if err != nil || len(all) != 2 || all[0].ID != 1 || all[1].ID != 2 {
			t.Fatalf("%v %+v", err, all)
		}
	})
	for _, tc := range []struct {
		name, query string
		want        uint64
	}{
		{"find by decimal ID", "2", 2},
		{"find by exact name", "Front desk", 1},
		{"find by name ignoring case and space", "  fRONT DESK ", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sv, err := st.FindSurvey(tc.query)
			if err != nil || sv.ID != tc.want {
				t.Errorf("FindSurvey(%q) = %d, %v; want %d", tc.query, sv.ID, err, tc.want)
			}
		})
	}
	t.Run("an unknown survey is not found", func(t *testing.T) {
		for _, q := range []string{"3", "Front", ""} {
			if _, err := st.FindSurvey(q); !errors.Is(err, ErrNotFound) {
				t.Errorf("FindSurvey(%q): %v", q, err)
			}
		}
		if _, err := st.Survey(99); !errors.Is(err, ErrNotFound) {
			t.Errorf("Survey(99): %v", err)
		}
	})
	t.Run("save updates and keeps Created", func(t *testing.T) {
		sv := a
		sv.Description = "Paper forms at the counter"
		sv.Created = time.Time{}
		time.Sleep(time.Millisecond)
		if err := st.SaveSurvey(&sv); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Survey(a.ID)
		if got.Description != sv.Description || !got.Created.Equal(a.Created) || !got.Updated.After(a.Updated) {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("a duplicate name is refused", func(t *testing.T) {
		sv := testSurvey("DELIVERY")
		err := st.CreateSurvey(&sv)
		if !errors.Is(err, ErrExists) || !errors.Is(err, data.ErrInvalid) || sv.ID != 0 {
			t.Errorf("err %v, ID %d", err, sv.ID)
		}
		ren := a
		ren.Name = "delivery"
		if err := st.SaveSurvey(&ren); !errors.Is(err, ErrExists) {
			t.Errorf("rename onto another survey's name: %v", err)
		}
	})
	t.Run("saving a survey that does not exist fails", func(t *testing.T) {
		sv := testSurvey("Ghost")
		sv.ID = 42
		if err := st.SaveSurvey(&sv); !errors.Is(err, ErrNotFound) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("an invalid survey is refused with the domain's message", func(t *testing.T) {
		sv := data.Survey{Name: "No questions"}
		err := st.CreateSurvey(&sv)
		if !errors.Is(err, data.ErrInvalid) || !strings.Contains(err.Error(), "has no questions") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("delete removes the survey and all it owns", func(t *testing.T) {
		rs := genResponses(rand.New(rand.NewPCG(1, 2)), b.ID, 200, data.DayFromDate(2024, 1, 1), 30)
		rs[0].ExternalID = "R-1"
		if err := st.AddResponses(rs); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteSurvey(b.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Survey(b.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("survey still there: %v", err)
		}
		for _, top := range perSurveyBuckets {
			for k := range dumpBucket(t, st, top) {
				if strings.HasPrefix(k, string(u64Key(b.ID))) {
					t.Errorf("bucket %s still has %x", top, k)
					break
				}
			}
		}
		if _, err := st.Days(b.ID, 0, data.Segment{}, 0, 0); !errors.Is(err, ErrNotFound) {
			t.Errorf("Days of a deleted survey: %v", err)
		}
		if err := st.DeleteSurvey(b.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("second delete: %v", err)
		}
	})
}

func TestValidationErrorsSurface(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Shop")
	day := time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC)
	good := func() data.Response {
		return data.Response{SurveyID: sv.ID, CollectedAt: day, Answers: map[uint32]int{qCSAT: 4, qNPS: 9}}
	}
	for _, tc := range []struct {
		name   string
		change func(r *data.Response)
		want   error
		text   string
	}{
		{"an answer off the scale is refused", func(r *data.Response) { r.Answers[qCSAT] = 6 }, data.ErrInvalid, "outside the 1–5 scale"},
		{"an unknown question is refused", func(r *data.Response) { r.Answers[77] = 1 }, data.ErrInvalid, "#77"},
		{"a missing required answer is refused", func(r *data.Response) { delete(r.Answers, qNPS) }, data.ErrInvalid, "required"},
		{"a response without a date is refused", func(r *data.Response) { r.CollectedAt = time.Time{} }, data.ErrInvalid, "no date"},
		{"a date before 1990 is refused", func(r *data.Response) { r.CollectedAt = time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC) }, data.ErrInvalid, "not plausible"},
		{"a tag called channel is refused", func(r *data.Response) { r.Tags = map[string]string{"channel": "x"} }, data.ErrInvalid, "channel"},
		{"an unknown survey is not found", func(r *data.Response) { r.SurveyID = 99 }, ErrNotFound, "survey 99"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := good()
			tc.change(&r)
			before := r
			err := st.AddResponse(&r)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("AddResponse: %v; want %v containing %q", err, tc.want, tc.text)
			}
			if r.ID != before.ID || !r.EnteredAt.Equal(before.EnteredAt) {
				t.Errorf("a failed add changed the response: %+v", r)
			}
			rs := []data.Response{good(), r}
			err = st.AddResponses(rs)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), "response 2") {
				t.Errorf("AddResponses: %v; want %v for response 2", err, tc.want)
			}
			if !rs[0].ID.IsZero() {
				t.Errorf("a failed batch left an ID in the slice")
			}
		})
	}
	if st2, err := st.SurveyStats(sv.ID); err != nil || st2.Responses != 0 {
		t.Errorf("failed adds left %d responses (%v)", st2.Responses, err)
	}
	t.Run("a duplicate response ID is refused", func(t *testing.T) {
		r := good()
		if err := st.AddResponse(&r); err != nil {
			t.Fatal(err)
		}
		dup := good()
		dup.ID = r.ID
		if err := st.AddResponse(&dup); !errors.Is(err, ErrExists) {
			t.Errorf("AddResponse: %v", err)
		}
		twice := []data.Response{good(), good()}
		twice[0].ID = data.NewResponseID(time.Now())
		twice[1].ID = twice[0].ID
		if err := st.AddResponses(twice); !errors.Is(err, ErrExists) {
			t.Errorf("AddResponses: %v", err)
		}
	})
	t.Run("updating with an invalid answer is refused", func(t *testing.T) {
		var r data.Response
		_ = st.EachResponse(sv.ID, 0, 0, func(x data.Response) error { r = x; return nil })
		r.Answers[qNPS] = 11
		if err := st.UpdateResponse(r); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("got %v", err)
		}
	})
}

func TestResponsesRoundTripAndRollupsFollowChanges(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Bakery")
	other := mustCreateSurvey(t, st, "Other")
	rng := rand.New(rand.NewPCG(7, 8))
	first := data.DayFromDate(2023, 3, 1)

	rs := genResponses(rng, sv.ID, 3000, first, 400)
	rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] }) // out of date order
	for i := 0; i < len(rs); i += 1000 {
		if err := st.AddResponses(rs[i : i+1000]); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 20 {
		r := genResponse(rng, sv.ID, first+data.Day(i))
		r.ExternalID = "ext-" + string(rune('a'+i))
		if err := st.AddResponse(&r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	if err := st.AddResponses(genResponses(rng, other.ID, 300, first, 50)); err != nil {
		t.Fatal(err)
	}

	t.Run("adds fill ID, EnteredAt and SurveyVersion", func(t *testing.T) {
		for _, r := range rs[:5] {
			if r.ID.IsZero() || r.EnteredAt.IsZero() || r.SurveyVersion != 1 {
				t.Errorf("not filled: %+v", r)
			}
		}
	})
	t.Run("every response reads back as written", func(t *testing.T) {
		for _, r := range rs {
			got, err := st.Response(sv.ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameResponse(got, r); err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Run("rollups equal a recount after adds", func(t *testing.T) { assertRollupsMatchRecount(t, st, sv.ID) })

	t.Run("rollups equal a recount after updates that move dates and segments", func(t *testing.T) {
		for i := 0; i < 300; i++ {
			r := rs[i]
			switch i % 4 {
			case 0:
				r.CollectedAt = r.CollectedAt.AddDate(0, 0, 17)
			case 1:
				r.Channel = ""
				r.Tags = map[string]string{data.TagLocation: "Ventspils"}
			case 2:
				r.Answers = map[uint32]int{qCSAT: 1, qNPS: 0}
				r.Texts = nil
			case 3:
				r.CollectedAt = r.CollectedAt.In(time.FixedZone("far", 11*3600))
				r.Answers[qYesNo] = 1
			}
			r.EnteredAt = time.Time{}
			if err := st.UpdateResponse(r); err != nil {
				t.Fatal(err)
			}
			got, err := st.Response(sv.ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			r.EnteredAt = rs[i].EnteredAt // zero keeps the stored value
			if err := sameResponse(got, r); err != nil {
				t.Fatalf("update %d: %v", i, err)
			}
			rs[i] = r
		}
		assertRollupsMatchRecount(t, st, sv.ID)
	})
	t.Run("updating a response that does not exist fails", func(t *testing.T) {
		r := rs[0]
		r.ID = data.NewResponseID(time.Now())
		if err := st.UpdateResponse(r); !errors.Is(err, ErrNotFound) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("rollups equal a recount after deletes", func(t *testing.T) {
		var ids []data.ResponseID
		for _, r := range rs[100:900] {
			ids = append(ids, r.ID)
		}
		ids = append(ids, ids[0]) // repeated IDs are fine
		if err := st.DeleteResponses(sv.ID, ids); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Response(sv.ID, rs[100].ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("deleted response still readable: %v", err)
		}
		assertRollupsMatchRecount(t, st, sv.ID)
		stats, err := st.SurveyStats(sv.ID)
		if err != nil || stats.Responses != uint64(len(rs)-800) {
			t.Errorf("stats %+v, %v; want %d responses", stats, err, len(rs)-800)
		}
	})
	t.Run("deleting an unknown ID deletes nothing", func(t *testing.T) {
		before := surveyRollups(t, st, sv.ID)
		err := st.DeleteResponses(sv.ID, []data.ResponseID{rs[0].ID, data.NewResponseID(time.Now())})
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("got %v", err)
		}
		if _, err := st.Response(sv.ID, rs[0].ID); err != nil {
			t.Errorf("the known ID was deleted anyway: %v", err)
		}
		if after := surveyRollups(t, st, sv.ID); len(after) != len(before) {
			t.Errorf("rollups changed")
		}
	})
	t.Run("the other survey is untouched", func(t *testing.T) {
		assertRollupsMatchRecount(t, st, other.ID)
		stats, _ := st.SurveyStats(other.ID)
		if stats.Responses != 300 || stats.First != first || stats.Last != first+49 {
			t.Errorf("stats %+v", stats)
		}
	})
	t.Run("external IDs are indexed and follow deletes", func(t *testing.T) {
		last := rs[len(rs)-1]
		for _, tc := range []struct {
			ext  string
			want bool
		}{{last.ExternalID, true}, {"ext-", false}, {"nope", false}, {"", false}} {
			got, err := st.ExternalIDExists(sv.ID, tc.ext)
			if err != nil || got != tc.want {
				t.Errorf("ExternalIDExists(%q) = %v, %v", tc.ext, got, err)
			}
		}
		if err := st.DeleteResponses(sv.ID, []data.ResponseID{last.ID}); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.ExternalIDExists(sv.ID, last.ExternalID); got {
			t.Errorf("external ID still indexed after delete")
		}
	})
	t.Run("rebuild reproduces identical bytes", func(t *testing.T) {
		before := dumpBucket(t, st, bucketRollups)
		if err := st.RebuildRollups(); err != nil {
			t.Fatal(err)
		}
		after := dumpBucket(t, st, bucketRollups)
		if len(before) != len(after) {
			t.Fatalf("%d keys before, %d after", len(before), len(after))
		}
		for k, v := range before {
			if after[k] != v {
				t.Fatalf("key %x: %x before, %x after", k, v, after[k])
			}
		}
	})
	t.Run("the file passes Check", func(t *testing.T) {
		if err := st.Check(); err != nil {
			t.Error(err)
		}
	})
}

func TestRebuildRepairsDamagedRollups(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Shop")
	if err := st.AddResponses(genResponses(rand.New(rand.NewPCG(3, 3)), sv.ID, 500, data.DayFromDate(2022, 1, 1), 60)); err != nil {
		t.Fatal(err)
	}
	want := dumpBucket(t, st, bucketRollups)
	err := st.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRollups).Bucket(u64Key(sv.ID))
		k, _ := b.Cursor().First()
		if err := b.Delete(k); err != nil {
			return err
		}
		return b.Put(appendRollupKey(nil, data.Segment{}, 1), appendRollup(nil, []qHist{{0, data.Histogram{1}}, {9, data.Histogram{1}}}))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RebuildRollups(); err != nil {
		t.Fatal(err)
	}
	got := dumpBucket(t, st, bucketRollups)
	if len(got) != len(want) {
		t.Fatalf("%d keys, want %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("key %x differs", k)
		}
	}
}

func TestEachResponseDateRange(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Range")
	d1 := data.DayFromDate(2024, 2, 28)
	riga := time.FixedZone("EET", 2*3600)
	at := []time.Time{
		time.Date(2024, 2, 28, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 28, 23, 59, 59, 999999999, time.UTC),
		time.Date(2024, 2, 29, 0, 30, 0, 0, riga), // 28 Feb 22:30 UTC, but the form says the 29th
		time.Date(2024, 2, 29, 23, 59, 0, 0, time.FixedZone("W", -10*3600)),
		time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 2, 12, 0, 0, 0, riga),
	}
	for _, ts := range at {
		r := data.Response{SurveyID: sv.ID, CollectedAt: ts, Answers: map[uint32]int{qCSAT: 5, qNPS: 10}}
		if err := st.AddResponse(&r); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name     string
		from, to data.Day
		want     []int // indexes into at
	}{
		{"no bounds returns everything in date order", 0, 0, []int{0, 1, 2, 3, 4, 5}},
		{"one day includes its first and last nanosecond", d1, d1, []int{0, 1}},
		{"the civil date on the form decides the day", d1 + 1, d1 + 1, []int{2, 3}},
		{"from is inclusive and to = 0 is open", d1 + 2, 0, []int{4, 5}},
		{"to is inclusive", d1 + 1, d1 + 2, []int{2, 3, 4}},
		{"an empty range returns nothing", d1 + 10, d1 + 20, nil},
		{"from after to returns nothing", d1 + 3, d1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			err := st.EachResponse(sv.ID, tc.from, tc.to, func(r data.Response) error {
				for i, ts := range at {
					if r.CollectedAt.Equal(ts) {
						got = append(got, i)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) || (len(got) > 0 && !equalInts(got, tc.want)) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			days, err := st.Days(sv.ID, 0, data.Segment{}, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			var n uint64
			for _, d := range days {
				n += d.Hist.N()
			}
			if n != uint64(len(tc.want)) {
				t.Errorf("Days counts %d responses, want %d", n, len(tc.want))
			}
		})
	}
	t.Run("an error from fn stops the walk and is returned", func(t *testing.T) {
		stop := errors.New("stop")
		calls := 0
		err := st.EachResponse(sv.ID, 0, 0, func(data.Response) error { calls++; return stop })
		if err != stop || calls != 1 {
			t.Errorf("err %v after %d calls", err, calls)
		}
	})
	t.Run("walks longer than one chunk see every response once, in order", func(t *testing.T) {
		big := mustCreateSurvey(t, st, "Big")
		rs := genResponses(rand.New(rand.NewPCG(5, 5)), big.ID, 3*eachChunk+7, data.DayFromDate(2020, 1, 1), 30)
		if err := st.AddResponses(rs); err != nil {
			t.Fatal(err)
		}
		seen := map[data.ResponseID]bool{}
		var prev uint64
		err := st.EachResponse(big.ID, 0, 0, func(r data.Response) error {
			w, _ := wallNanos(r.CollectedAt)
			if w < prev || seen[r.ID] {
				t.Fatalf("out of order or repeated at %s", r.ID)
			}
			prev, seen[r.ID] = w, true
			return nil
		})
		if err != nil || len(seen) != len(rs) {
			t.Errorf("saw %d of %d (%v)", len(seen), len(rs), err)
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestResponsesBeforePagesNewestFirst(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Paging")
	rs := genResponses(rand.New(rand.NewPCG(9, 9)), sv.ID, 1234, data.DayFromDate(2021, 6, 1), 90)
	if err := st.AddResponses(rs); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{1, 7, 100, 617, 1234, 5000} {
		var all []data.Response
		var cursor []byte
		pages := 0
		for {
			page, next, err := st.ResponsesBefore(sv.ID, cursor, limit)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			all = append(all, page...)
			if next == nil {
				break
			}
			if len(page) != limit {
				t.Fatalf("limit %d: a middle page has %d", limit, len(page))
			}
			cursor = next
		}
		if len(all) != len(rs) {
			t.Fatalf("limit %d: %d responses in %d pages, want %d", limit, len(all), pages, len(rs))
		}
		seen := map[data.ResponseID]bool{}
		for i, r := range all {
			if seen[r.ID] {
				t.Fatalf("limit %d: %s twice", limit, r.ID)
			}
			seen[r.ID] = true
			if i > 0 {
				a, _ := wallNanos(all[i-1].CollectedAt)
				b, _ := wallNanos(r.CollectedAt)
				if b > a {
					t.Fatalf("limit %d: not newest first at %d", limit, i)
				}
			}
		}
		if want := (len(rs) + limit - 1) / limit; pages != want && !(pages == want+1 && len(rs)%limit == 0) {
			t.Errorf("limit %d: %d pages, want %d", limit, pages, want)
		}
	}
	t.Run("a bad cursor is an error", func(t *testing.T) {
		if _, _, err := st.ResponsesBefore(sv.ID, []byte("junk"), 10); err == nil {
			t.Error("no error")
		}
	})
	t.Run("an empty survey gives an empty page", func(t *testing.T) {
		e := mustCreateSurvey(t, st, "Empty")
		page, next, err := st.ResponsesBefore(e.ID, nil, 10)
		if err != nil || len(page) != 0 || next != nil {
			t.Errorf("%v %v %v", page, next, err)
		}
	})
}

func TestDaysSegmentsAndStats(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Seg")
	d := data.DayFromDate(2025, 1, 10)
	add := func(day data.Day, ch string, tags map[string]string, csat int) {
		t.Helper()
		r := data.Response{SurveyID: sv.ID, CollectedAt: day.Date(time.UTC).Add(9 * time.Hour), Channel: ch, Tags: tags,
			Answers: map[uint32]int{qCSAT: csat, qNPS: 10}, Texts: map[uint32]string{qText: "hi"}}
		if err := st.AddResponse(&r); err != nil {
			t.Fatal(err)
		}
	}
	add(d, "paper", map[string]string{"location": "Riga", "staff": ""}, 5)
	add(d, "web", map[string]string{"location": "Riga"}, 4)
	add(d+2, "paper", map[string]string{"location": "Cēsis", "product": "bread"}, 2)
	add(d+5, "", nil, 1)

	segs, err := st.Segments(sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []data.Segment{data.ByChannel("paper"), data.ByChannel("web"), data.ByTag("location", "Cēsis"), data.ByTag("location", "Riga"), data.ByTag("product", "bread")}
	if len(segs) != len(want) {
		t.Fatalf("segments %v, want %v", segs, want)
	}
	for i := range want {
		if segs[i] != want[i] {
			t.Errorf("segment %d = %v, want %v", i, segs[i], want[i])
		}
	}
	for _, tc := range []struct {
		name     string
		q        uint32
		seg      data.Segment
		from, to data.Day
		want     map[data.Day]data.Histogram
	}{
		{"all responses per day", 0, data.Segment{}, 0, 0, map[data.Day]data.Histogram{d: {2}, d + 2: {1}, d + 5: {1}}},
		{"CSAT of all", qCSAT, data.Segment{}, 0, 0, map[data.Day]data.Histogram{d: {4: 1, 5: 1}, d + 2: {2: 1}, d + 5: {1: 1}}},
		{"CSAT of the paper channel", qCSAT, data.ByChannel("paper"), 0, 0, map[data.Day]data.Histogram{d: {5: 1}, d + 2: {2: 1}}},
		{"CSAT in Riga", qCSAT, data.ByTag("location", "Riga"), 0, 0, map[data.Day]data.Histogram{d: {4: 1, 5: 1}}},
		{"a bounded range", qNPS, data.Segment{}, d + 1, d + 2, map[data.Day]data.Histogram{d + 2: {10: 1}}},
		{"a text question has no rollup", qText, data.Segment{}, 0, 0, nil},
		{"an empty tag value is no segment", qCSAT, data.ByTag("staff", ""), 0, 0, nil},
		{"an unknown segment is empty", qCSAT, data.ByChannel("fax"), 0, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			days, err := st.Days(sv.ID, tc.q, tc.seg, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			if len(days) != len(tc.want) {
				t.Fatalf("got %v, want %v", days, tc.want)
			}
			for i, dh := range days {
				if i > 0 && days[i-1].Day >= dh.Day {
					t.Errorf("days not sorted")
				}
				if tc.want[dh.Day] != dh.Hist {
					t.Errorf("day %s: %v, want %v", dh.Day, dh.Hist, tc.want[dh.Day])
				}
			}
		})
	}
	stats, err := st.SurveyStats(sv.ID)
	if err != nil || stats != (SurveyStats{Responses: 4, First: d, Last: d + 5}) {
		t.Errorf("stats %+v, %v", stats, err)
	}
	empty := mustCreateSurvey(t, st, "Nothing yet")
	if stats, err := st.SurveyStats(empty.ID); err != nil || stats != (SurveyStats{}) {
		t.Errorf("empty stats %+v, %v", stats, err)
	}
	if _, err := st.SurveyStats(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("stats of unknown survey: %v", err)
	}
}

func TestOpen(t *testing.T) {
	t.Run("a missing file without Create is ErrNoDatabase and creates nothing", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sub", "x.db")
		_, err := Open(path, Options{})
		if !errors.Is(err, ErrNoDatabase) || !strings.Contains(err.Error(), path) {
			t.Errorf("got %v", err)
		}
		if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
			t.Errorf("directory was created")
		}
	})
	t.Run("Create makes the parent directories and a usable store", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "a", "b", "x.db")
		st, err := Open(path, Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if st.Path() != path {
			t.Errorf("Path() = %s", st.Path())
		}
		mustCreateSurvey(t, st, "x")
		if err := st.Check(); err != nil {
			t.Error(err)
		}
	})
	t.Run("a second open of the same file is ErrLocked within about the timeout", func(t *testing.T) {
		st, path := openTemp(t)
		for _, opt := range []Options{{}, {ReadOnly: true}, {Timeout: 200 * time.Millisecond}} {
			start := time.Now()
			_, err := Open(path, opt)
			el := time.Since(start)
			want := opt.Timeout
			if want == 0 {
				want = time.Second
			}
			if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "already open") {
				t.Errorf("%+v: got %v", opt, err)
			}
			if el < want-50*time.Millisecond || el > want+time.Second {
				t.Errorf("%+v: took %v", opt, el)
			}
		}
		_ = st.Close()
		st2, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("open after close: %v", err)
		}
		_ = st2.Close()
	})
	t.Run("two read-only opens share the file and refuse writes", func(t *testing.T) {
		st, path := openTemp(t)
		mustCreateSurvey(t, st, "x")
		_ = st.Close()
		a, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		b, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if all, err := b.Surveys(); err != nil || len(all) != 1 {
			t.Errorf("%v %v", all, err)
		}
		sv := testSurvey("y")
		if err := a.CreateSurvey(&sv); !errors.Is(err, ErrReadOnly) {
			t.Errorf("write on read-only: %v", err)
		}
		if err := a.SetSetting("k", []byte("v")); !errors.Is(err, ErrReadOnly) {
			t.Errorf("setting on read-only: %v", err)
		}
	})
}

func TestOpenDamagedFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	garbage := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	// A real store whose pages after the two meta pages are overwritten.
	realDB := func(t *testing.T) []byte {
		st, path := openTemp(t)
		sv := mustCreateSurvey(t, st, "x")
		if err := st.AddResponses(genResponses(rng, sv.ID, 2000, data.DayFromDate(2024, 1, 1), 10)); err != nil {
			t.Fatal(err)
		}
		_ = st.Close()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	otherApp := func(t *testing.T) []byte {
		path := filepath.Join(t.TempDir(), "other.db")
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		_ = db.Update(func(tx *bolt.Tx) error {
			b, _ := tx.CreateBucket([]byte("jobs"))
			return b.Put([]byte("1"), []byte("x"))
		})
		_ = db.Close()
		b, _ := os.ReadFile(path)
		return b
	}
	for _, tc := range []struct {
		name string
		file func(t *testing.T) []byte
	}{
		{"an empty file", func(*testing.T) []byte { return nil }},
		{"a few bytes of garbage", func(*testing.T) []byte { return garbage(100) }},
		{"64 KiB of garbage", func(*testing.T) []byte { return garbage(64 << 10) }},
		{"a CSV file", func(*testing.T) []byte {
			return bytes.Repeat([]byte("Timestamp,How satisfied are you?\n2024-01-01,5\n"), 500)
		}},
		{"a bbolt file of another program", otherApp},
		{"a real database with its data pages overwritten", func(t *testing.T) []byte {
			b := realDB(t)
			copy(b[2*4096:], garbage(len(b)-2*4096))
			return b
		}},
		{"a real database with its meta pages overwritten", func(t *testing.T) []byte {
			b := realDB(t)
			copy(b, garbage(2*4096))
			return b
		}},
		{"a truncated real database", func(t *testing.T) []byte { return realDB(t)[:3*4096] }},
	} {
		t.Run(tc.name+" gives ErrCorrupt, not a panic", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.db")
			content := tc.file(t)
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, opt := range []Options{{}, {ReadOnly: true}, {Create: true}} {
				st, err := Open(path, opt)
				if err == nil {
					// Damage deep inside may only show on use; it must
					// still be an error, not a panic.
					_, err = st.Surveys()
					if err == nil {
						err = st.Check()
					}
					_ = st.Close()
				}
				t.Logf("%+v: %v", opt, err)
				if !errors.Is(err, ErrCorrupt) {
					t.Errorf("%+v: got %v", opt, err)
				} else if !strings.Contains(err.Error(), path) {
					t.Errorf("the error does not name the file: %v", err)
				}
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, content) && len(content) > 0 && tc.name != "a real database with its data pages overwritten" {
				t.Errorf("the damaged file was modified")
			}
		})
	}
}

// setVersion writes a schema version straight into the file.
func setVersion(t *testing.T, path, v string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyVersion, []byte(v)) }); err != nil {
		t.Fatal(err)
	}
}

func TestNewerSchemaIsRefusedAndLeftUntouched(t *testing.T) {
	st, path := openTemp(t)
	mustCreateSurvey(t, st, "x")
	_ = st.Close()
	setVersion(t, path, "99")
	before, _ := os.ReadFile(path)
	fi1, _ := os.Stat(path)
	for _, opt := range []Options{{}, {ReadOnly: true}, {Create: true}} {
		_, err := Open(path, opt)
		if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "99") {
			t.Errorf("%+v: got %v", opt, err)
		}
	}
	after, _ := os.ReadFile(path)
	fi2, _ := os.Stat(path)
	if !bytes.Equal(before, after) || !fi1.ModTime().Equal(fi2.ModTime()) {
		t.Error("the file changed")
	}
	if _, err := os.Stat(backupPath(path, 99)); !os.IsNotExist(err) {
		t.Error("a backup was made")
	}
	setVersion(t, path, "one")
	if _, err := Open(path, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a garbled version: %v", err)
	}
}

func TestMigrations(t *testing.T) {
	orig := migrations
	t.Cleanup(func() { migrations = orig })
	// The mechanism is tested with a file of schema 1 and two made-up
	// steps after it (the real step 2 is tested on the frozen fixture).
	migrations = orig[:1]

	st, path := openTemp(t)
	sv := mustCreateSurvey(t, st, "Old")
	r := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Answers: map[uint32]int{qCSAT: 3, qNPS: 5}}
	if err := st.AddResponse(&r); err != nil {
		t.Fatal(err)
	}
	_ = st.Close()
	v1, _ := os.ReadFile(path)

	runs := 0
	step2 := migration{To: 2, Name: "add a notes bucket", Apply: func(tx *bolt.Tx) error {
		runs++
		_, err := tx.CreateBucketIfNotExists([]byte("notes"))
		return err
	}}
	step3 := migration{To: 3, Name: "default theme", Apply: func(tx *bolt.Tx) error {
		runs++
		b := tx.Bucket(bucketSettings)
		if b.Get([]byte("theme")) == nil {
			return b.Put([]byte("theme"), []byte("light"))
		}
		return nil
	}}

	t.Run("an older file is backed up and migrated in order", func(t *testing.T) {
		migrations = []migration{orig[0], step2, step3}
		st, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if runs != 2 {
			t.Errorf("%d steps ran, want 2", runs)
		}
		meta := dumpBucket(t, st, bucketMeta)
		if meta["version"] != "3" || !strings.HasPrefix(meta["migrated"], "1→3 ") {
			t.Errorf("meta %v", meta)
		}
		if v, _ := st.Setting("theme"); string(v) != "light" {
			t.Errorf("step 3 did not run: %q", v)
		}
		if got, err := st.Response(sv.ID, r.ID); err != nil || got.Answers[qCSAT] != 3 {
			t.Errorf("data lost: %v", err)
		}
		bak, err := os.ReadFile(backupPath(path, 1))
		if err != nil {
			t.Fatal(err)
		}
		// The backup is the v1 file's content (a fresh copy, so compare by
		// opening it with the old table).
		migrations = orig[:1]
		bst, err := Open(backupPath(path, 1), Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("backup does not open: %v (%d bytes, v1 was %d)", err, len(bak), len(v1))
		}
		defer bst.Close()
		if m := dumpBucket(t, bst, bucketMeta); m["version"] != "1" {
			t.Errorf("backup meta %v", m)
		}
		if _, err := bst.Response(sv.ID, r.ID); err != nil {
			t.Errorf("backup lacks data: %v", err)
		}
	})
	t.Run("reopening runs no step again", func(t *testing.T) {
		migrations = []migration{orig[0], step2, step3}
		runs = 0
		st, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		_ = st.Close()
		if runs != 0 {
			t.Errorf("%d steps ran", runs)
		}
	})
	t.Run("steps are idempotent when run again over a migrated file", func(t *testing.T) {
		st, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		before := dumpBucket(t, st, bucketSettings)
		if err := st.migrate(0, migrations); err != nil {
			t.Fatal(err)
		}
		if after := dumpBucket(t, st, bucketSettings); len(after) != len(before) || after["theme"] != "light" {
			t.Errorf("settings changed: %v", after)
		}
		_ = st.Close()
	})
	t.Run("a failing step leaves the file at its old version", func(t *testing.T) {
		migrations = []migration{orig[0], step2, step3, {To: 4, Name: "broken", Apply: func(tx *bolt.Tx) error {
			_ = tx.Bucket(bucketSettings).Put([]byte("half"), []byte("done"))
			return errors.New("disk on fire")
		}}}
		_, err := Open(path, Options{})
		if err == nil || !strings.Contains(err.Error(), "disk on fire") || !strings.Contains(err.Error(), "schema 4") {
			t.Fatalf("got %v", err)
		}
		migrations = []migration{orig[0], step2, step3}
		st, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if m := dumpBucket(t, st, bucketMeta); m["version"] != "3" {
			t.Errorf("version %q", m["version"])
		}
		if v, _ := st.Setting("half"); v != nil {
			t.Errorf("the failed step's write survived")
		}
	})
	t.Run("a read-only open of an older file asks for an upgrade", func(t *testing.T) {
		migrations = []migration{orig[0], step2, step3, {To: 4, Name: "noop", Apply: func(*bolt.Tx) error { return nil }}}
		if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrOlderSchema) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("a table with a gap is refused", func(t *testing.T) {
		migrations = []migration{orig[0], step3}
		if _, err := Open(path, Options{}); err == nil {
			t.Error("no error")
		}
	})
}

func TestBackup(t *testing.T) {
	st, path := openTemp(t)
	sv := mustCreateSurvey(t, st, "Backed up")
	if err := st.AddResponses(genResponses(rand.New(rand.NewPCG(1, 1)), sv.ID, 1500, data.DayFromDate(2023, 1, 1), 100)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting("band", []byte("75-85")); err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(t.TempDir(), "copy.db")
	if err := st.BackupFile(bak); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := st.Backup(&buf)
	if err != nil || n != int64(buf.Len()) || n == 0 {
		t.Fatalf("Backup: %d, %v", n, err)
	}
	if err := st.BackupFile(path); err == nil {
		t.Error("backing up onto the open file was allowed")
	}
	// Before the copy is opened (which writes its holder record beside it).
	if entries, _ := os.ReadDir(filepath.Dir(bak)); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	b, err := Open(bak, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Check(); err != nil {
		t.Error(err)
	}
	for _, top := range [][]byte{bucketMeta, bucketSurveys, bucketResponses, bucketIDs, bucketRollups, bucketSettings} {
		want, got := dumpBucket(t, st, top), dumpBucket(t, b, top)
		if len(want) != len(got) {
			t.Errorf("bucket %s: %d keys in the backup, %d in the store", top, len(got), len(want))
			continue
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("bucket %s key %x differs", top, k)
				break
			}
		}
	}
}

func TestSettings(t *testing.T) {
	st, _ := openTemp(t)
	for _, tc := range []struct {
		name  string
		key   string
		value []byte
		want  []byte
	}{
		{"a missing key is nil without error", "nothing", nil, nil},
		{"a value reads back", "band", []byte("75-85"), []byte("75-85")},
		{"an empty value is kept as empty, not missing", "empty", []byte{}, []byte{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.value != nil {
				if err := st.SetSetting(tc.key, tc.value); err != nil {
					t.Fatal(err)
				}
			}
			got, err := st.Setting(tc.key)
			if err != nil || !bytes.Equal(got, tc.want) || (got == nil) != (tc.want == nil) {
				t.Errorf("got %q, %v", got, err)
			}
		})
	}
	t.Run("nil deletes", func(t *testing.T) {
		_ = st.SetSetting("band", nil)
		if got, _ := st.Setting("band"); got != nil {
			t.Errorf("got %q", got)
		}
	})
	t.Run("the returned slice is a copy", func(t *testing.T) {
		_ = st.SetSetting("k", []byte("abc"))
		got, _ := st.Setting("k")
		got[0] = 'X'
		if again, _ := st.Setting("k"); string(again) != "abc" {
			t.Errorf("got %q", again)
		}
	})
	t.Run("keys are listed by prefix, in order, without neighbours", func(t *testing.T) {
		for _, k := range []string{"verify/2", "verify/1", "verifz", "mapping/1", "verify"} {
			_ = st.SetSetting(k, []byte("x"))
		}
		got, err := st.SettingKeys("verify/")
		if err != nil || strings.Join(got, ",") != "verify/1,verify/2" {
			t.Errorf("got %q, %v", got, err)
		}
		if got, _ := st.SettingKeys("nothing/"); len(got) != 0 {
			t.Errorf("an unused prefix listed %q", got)
		}
	})
	if err := st.SetSetting("", []byte("x")); err == nil {
		t.Error("an empty key was accepted")
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/tmp/cfg")
	t.Setenv("HOME", "/tmp/home")
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "csatdesk.db" || filepath.Base(filepath.Dir(p)) != "csatdesk" {
		t.Errorf("DefaultPath() = %s", p)
	}
}

func TestFormNumberIndexFollowsChanges(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Paper")
	other := mustCreateSurvey(t, st, "Other paper")
	r := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC),
		FormNumber: "0042", Answers: map[uint32]int{qCSAT: 5, qNPS: 9}}
	if err := st.AddResponse(&r); err != nil {
		t.Fatal(err)
	}
	check := func(name string, sid uint64, form string, want bool) {
		t.Helper()
		got, err := st.FormNumberExists(sid, form)
		if err != nil || got != want {
			t.Errorf("%s: FormNumberExists(%d, %q) = %v, %v; want %v", name, sid, form, got, err, want)
		}
	}
	check("a stored form number is found", sv.ID, "0042", true)
	check("a prefix of it is not", sv.ID, "004", false)
	check("another survey does not share it", other.ID, "0042", false)
	check("an empty form number is never found", sv.ID, "", false)
	r.FormNumber = "0043"
	if err := st.UpdateResponse(r); err != nil {
		t.Fatal(err)
	}
	check("an edited form number drops the old one", sv.ID, "0042", false)
	check("and adds the new one", sv.ID, "0043", true)
	if err := st.DeleteResponses(sv.ID, []data.ResponseID{r.ID}); err != nil {
		t.Fatal(err)
	}
	check("a deleted response's form number is gone", sv.ID, "0043", false)
	if _, err := st.FormNumberExists(99, "1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown survey: %v", err)
	}
}

// A new database is made under a temporary name and linked into place
// whole: nothing is left at the path but the finished file, and a creation
// killed earlier leaves no empty file there (the next open would refuse it
// as damaged). A leftover of a killed creation is cleaned up.
func TestCreateLinksAWholeFileIntoPlace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	stale := path + ".creating-99999"
	if err := os.WriteFile(stale, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	st, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Surveys(); err != nil {
		t.Fatal(err)
	}
	st.Close()
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 1 || left[0] != path {
		t.Fatalf("files beside the new database: %v, want only %s", left, path)
	}
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("reopening the new database: %v", err)
	}
	st.Close()
}
