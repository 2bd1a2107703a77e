package insight

import (
	"fmt"
	"sync"

	"csatdesk/data"
	"csatdesk/data/kiosk"
)

// ChartSource is the day source the charts and cards read: src itself when
// s.IncludeMisuse, otherwise src without the kiosk presses flagged as
// misuse (kiosk.MisuseTag). Rollups count each response once per segment,
// so the flagged presses are subtracted day by day: exactly for every
// response, the kiosk channel, and each location (the flag's value is the
// kiosk's location); other segments (a device tag) still count them.
func ChartSource(src data.DaySource, s Settings) data.DaySource {
	if s.IncludeMisuse {
		return src
	}
	return &withoutMisuse{src: src, flagged: map[uint64][]data.Segment{}}
}

// withoutMisuse subtracts the misuse segments; it remembers each survey's
// misuse segments for its own life (one figure's computation).
type withoutMisuse struct {
	src     data.DaySource
	mu      sync.Mutex
	flagged map[uint64][]data.Segment
}

// Days implements data.DaySource.
func (w *withoutMisuse) Days(sid uint64, qid uint32, seg data.Segment, from, to data.Day) ([]data.DayHist, error) {
	days, err := w.src.Days(sid, qid, seg, from, to)
	if err != nil {
		return nil, err
	}
	var flagged data.Segment
	switch {
	case seg.All(), seg.Name == data.ChannelSegment && seg.Value == kiosk.Channel:
		// Every flagged press, of any location.
		return w.subtractAll(days, sid, qid, from, to)
	case seg.Name == data.TagLocation:
		flagged = data.ByTag(kiosk.MisuseTag, kiosk.MisuseValue(seg.Value))
	default:
		return days, nil
	}
	bad, err := w.src.Days(sid, qid, flagged, from, to)
	if err != nil {
		return nil, fmt.Errorf("misuse presses: %w", err)
	}
	return subtract(days, bad), nil
}

// subtractAll takes every misuse segment's days from days.
func (w *withoutMisuse) subtractAll(days []data.DayHist, sid uint64, qid uint32, from, to data.Day) ([]data.DayHist, error) {
	segs, err := w.misuseSegments(sid)
	if err != nil {
		return nil, err
	}
	for _, sg := range segs {
		bad, err := w.src.Days(sid, qid, sg, from, to)
		if err != nil {
			return nil, fmt.Errorf("misuse presses: %w", err)
		}
		days = subtract(days, bad)
	}
	return days, nil
}

// misuseSegments are the survey's misuse segments (one per location).
func (w *withoutMisuse) misuseSegments(sid uint64) ([]data.Segment, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if segs, ok := w.flagged[sid]; ok {
		return segs, nil
	}
	lister, ok := w.src.(interface {
		Segments(surveyID uint64) ([]data.Segment, error)
	})
	if !ok {
		return nil, nil
	}
	all, err := lister.Segments(sid)
	if err != nil {
		return nil, fmt.Errorf("misuse presses: %w", err)
	}
	var segs []data.Segment
	for _, sg := range all {
		if sg.Name == kiosk.MisuseTag {
			segs = append(segs, sg)
		}
	}
	w.flagged[sid] = segs
	return segs, nil
}

// Segments passes the segment list through, when src has one.
func (w *withoutMisuse) Segments(sid uint64) ([]data.Segment, error) {
	if l, ok := w.src.(interface {
		Segments(surveyID uint64) ([]data.Segment, error)
	}); ok {
		return l.Segments(sid)
	}
	return nil, nil
}

// subtract takes bad's counts from days (both sorted by day), dropping
// days left empty. Counts never go below zero.
func subtract(days, bad []data.DayHist) []data.DayHist {
	if len(bad) == 0 {
		return days
	}
	out := make([]data.DayHist, 0, len(days))
	j := 0
	for _, d := range days {
		for j < len(bad) && bad[j].Day < d.Day {
			j++
		}
		if j < len(bad) && bad[j].Day == d.Day {
			empty := true
			for v := range d.Hist {
				if d.Hist[v] >= bad[j].Hist[v] {
					d.Hist[v] -= bad[j].Hist[v]
				} else {
					d.Hist[v] = 0
				}
				if d.Hist[v] != 0 {
					empty = false
				}
			}
			if empty {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}
