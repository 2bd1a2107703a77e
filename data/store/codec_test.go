package store

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"csatdesk/data"
)

func TestResponseCodecRoundTrips(t *testing.T) {
	id := data.NewResponseID(time.Now())
	for _, tc := range []struct {
		name string
		r    data.Response
		imp  uint64
	}{
		{"a minimal response", data.Response{CollectedAt: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)}, 0},
		{"every field set, east of UTC", data.Response{
			SurveyVersion: 3, CollectedAt: time.Date(2024, 2, 29, 0, 30, 0, 5, time.FixedZone("EET", 7200)),
			EnteredAt: time.Date(2024, 3, 1, 8, 0, 0, 123, time.FixedZone("", -3600)),
			Source:    data.SourceImport("abc"), Channel: "in person", FormNumber: "0042", ExternalID: "R_9x",
			Tags:    map[string]string{"staff": "Ilze", "location": "Rīga", "product": "日本"},
			Answers: map[uint32]int{1: 5, 2: 0, 3: 7, 70000: 10},
			Texts:   map[uint32]string{5: "Ļoti labi ★★★★☆", 6: ""},
			Comment: "call back",
		}, 77},
		{"the last plausible year, west of UTC", data.Response{CollectedAt: time.Date(2200, 12, 31, 23, 59, 59, 999999999, time.FixedZone("", -12*3600))}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.r.ID, tc.r.SurveyID = id, 12
			dc := memDict()
			e := encoder{d: dc}
			wall, ok := wallNanos(tc.r.CollectedAt)
			if !ok {
				t.Fatal("wall out of range")
			}
			k := appendRespKey(nil, wall, id)
			v := append([]byte(nil), mustEncode(t, &e, &tc.r, tc.imp)...)
			sr, err := decodeResponse(dc, 12, k, v)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameResponse(sr.Response, tc.r); err != nil {
				t.Error(err)
			}
			if sr.importID != tc.imp {
				t.Errorf("import %d", sr.importID)
			}
			_, off1 := sr.CollectedAt.Zone()
			_, off2 := tc.r.CollectedAt.Zone()
			if off1 != off2 {
				t.Errorf("zone offset %d, want %d", off1, off2)
			}
			if again := mustEncode(t, &e, &sr.Response, tc.imp); !bytes.Equal(again, v) {
				t.Errorf("encoding is not canonical")
			}
			for i := range v {
				if _, err := decodeResponse(dc, 12, k, v[:i]); !errors.Is(err, ErrCorrupt) {
					t.Fatalf("truncated at %d: %v", i, err)
				}
			}
		})
	}
}

func TestWallKeysSortByCivilTime(t *testing.T) {
	// 00:30 in Riga on the 29th is earlier in UTC than 23:00 in New York
	// on the 28th, but later on the forms.
	a := time.Date(2024, 2, 28, 23, 0, 0, 0, time.FixedZone("EST", -5*3600))
	b := time.Date(2024, 2, 29, 0, 30, 0, 0, time.FixedZone("EET", 2*3600))
	wa, _ := wallNanos(a)
	wb, _ := wallNanos(b)
	if !(wa < wb) || dayOfWall(wa) != data.DayOf(a) || dayOfWall(wb) != data.DayOf(b) {
		t.Errorf("wall %d %d days %s %s", wa, wb, dayOfWall(wa), dayOfWall(wb))
	}
	if dayStart(data.DayOf(b)) > wb || dayStart(data.DayOf(b)+1) <= wb {
		t.Errorf("day bounds do not contain the time")
	}
	for _, bad := range []time.Time{{}, time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if _, ok := wallNanos(bad); ok {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestRollupKeys(t *testing.T) {
	segs := []data.Segment{{}, data.ByChannel("web"), data.ByTag("a", "bc"), data.ByTag("ab", "c"), data.ByTag("", "x"), data.ByTag("loc", "")}
	var keys [][]byte
	for _, s := range segs {
		for _, d := range []data.Day{0, 1, 20000, 1<<32 - 1} {
			k := appendRollupKey(nil, s, d)
			gs, gd, err := parseRollupKey(k)
			if err != nil || gs != s || gd != d {
				t.Fatalf("round trip %+v %d: %+v %d %v", s, d, gs, gd, err)
			}
			if !bytes.HasPrefix(k, appendSegment(nil, s)) {
				t.Fatalf("prefix")
			}
			keys = append(keys, k)
		}
	}
	t.Run("one segment is one contiguous run sorted by day", func(t *testing.T) {
		sort.Slice(keys, func(i, j int) bool { return bytes.Compare(keys[i], keys[j]) < 0 })
		var prevS data.Segment
		var prevD data.Day
		seen := map[data.Segment]bool{}
		for i, k := range keys {
			s, d, _ := parseRollupKey(k)
			if i > 0 && s != prevS {
				if seen[s] {
					t.Fatalf("segment %+v is split", s)
				}
			} else if i > 0 && d <= prevD {
				t.Fatalf("days out of order")
			}
			seen[s] = true
			prevS, prevD = s, d
		}
	})
	for _, bad := range [][]byte{nil, {0, 0, 0, 1}, {5, 'a', 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0x80, 0, 0, 0, 0, 0, 0}} {
		if _, _, err := parseRollupKey(bad); err == nil {
			t.Errorf("parsed %x", bad)
		}
	}
}

func TestRollupValues(t *testing.T) {
	hs := []qHist{{0, data.Histogram{3}}, {1, data.Histogram{4: 2, 5: 1}}, {300, data.Histogram{10: 1 << 40}}}
	v := appendRollup(nil, hs)
	got, err := decodeRollup(nil, v)
	if err != nil || len(got) != 3 || got[2] != hs[2] {
		t.Fatalf("%v %v", got, err)
	}
	for _, tc := range []struct {
		q    uint32
		want data.Histogram
		ok   bool
	}{{0, hs[0].h, true}, {1, hs[1].h, true}, {300, hs[2].h, true}, {2, data.Histogram{}, false}, {999, data.Histogram{}, false}} {
		h, ok, err := rollupFind(v, tc.q)
		if err != nil || ok != tc.ok || h != tc.want {
			t.Errorf("find %d: %v %v %v", tc.q, h, ok, err)
		}
	}
	for _, bad := range [][]byte{nil, {0}, {0, 0, 0}, appendRollup(nil, []qHist{{2, data.Histogram{1}}, {1, data.Histogram{1}}}), append(v, 7)} {
		if _, err := decodeRollup(nil, bad); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%x: %v", bad, err)
		}
	}
}

func TestHistCodec(t *testing.T) {
	for _, h := range []data.Histogram{{1}, {10: 1}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1 << 62}, {5: 300}} {
		v := appendHist(nil, &h)
		got, err := decodeHist(v)
		if err != nil || got != h {
			t.Errorf("%v: got %v, %v", h, got, err)
		}
	}
	for _, bad := range [][]byte{nil, {0}, {0, 0}, {0x80, 0, 1}, {0, 1}, {0, 1, 0}, {0, 1, 1, 1}} {
		if _, err := decodeHist(bad); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%x: %v", bad, err)
		}
	}
}

func FuzzDecodeResponse(f *testing.F) {
	dc := memDict()
	e := encoder{d: dc}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		r := genResponse(rng, 1, data.DayFromDate(2024, 1, 1)+data.Day(i))
		r.ID = data.NewResponseID(time.Now())
		r.EnteredAt = time.Now()
		wall, _ := wallNanos(r.CollectedAt)
		f.Add(appendRespKey(nil, wall, r.ID), append([]byte(nil), mustEncode(f, &e, &r, uint64(i))...))
		f.Add(appendRespKey(nil, wall, r.ID), encodeV1(&r, uint64(i)))
	}
	f.Add([]byte{}, []byte{})
	f.Add(make([]byte, 24), []byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, k, v []byte) {
		sr, err := decodeResponse(dc, 1, k, v)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error not ErrCorrupt: %v", err)
			}
			return
		}
		// Whatever decodes must encode back to the same bytes' meaning.
		again := mustEncode(t, &e, &sr.Response, sr.importID)
		sr2, err := decodeResponse(dc, 1, k, again)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if err := sameResponse(sr.Response, sr2.Response); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzDecodeHist(f *testing.F) {
	f.Add(appendHist(nil, &data.Histogram{1, 2, 3}))
	f.Add([]byte{0xff, 0xff})
	f.Fuzz(func(t *testing.T, v []byte) {
		h, err := decodeHist(v)
		if err != nil {
			return
		}
		if !bytes.Equal(appendHist(nil, &h), v) {
			t.Fatalf("non-canonical input accepted: %x", v)
		}
	})
}

func FuzzParseRollupKey(f *testing.F) {
	f.Add(appendRollupKey(nil, data.ByTag("location", "Riga"), 20000))
	f.Fuzz(func(t *testing.T, k []byte) {
		s, d, err := parseRollupKey(k)
		if err != nil {
			return
		}
		if !bytes.Equal(appendRollupKey(nil, s, d), k) {
			t.Fatalf("%x parsed as %+v %d", k, s, d)
		}
	})
}

func FuzzDecodeRollup(f *testing.F) {
	f.Add(appendRollup(nil, []qHist{{0, data.Histogram{3}}, {1, data.Histogram{4: 2, 5: 1}}}))
	f.Fuzz(func(t *testing.T, v []byte) {
		hs, err := decodeRollup(nil, v)
		if err != nil {
			return
		}
		if !bytes.Equal(appendRollup(nil, hs), v) {
			t.Fatalf("non-canonical value accepted: %x", v)
		}
		for _, x := range hs {
			if h, ok, err := rollupFind(v, x.q); !ok || err != nil || h != x.h {
				t.Fatalf("find %d", x.q)
			}
		}
	})
}
