package importer

// idSet remembers the hashes of the response IDs a Converter has seen, with
// the row of each, to refuse a repeated ID. It is an open-addressing table
// of the 64-bit hashes, kept at most half full: one cache line per lookup on
// a million-row file where a Go map touched two or three.
type idSet struct {
	keys []uint64 // 0 = empty; hashes are stored with their lowest bit set
	rows []int32
	n    int
}

// reserve sizes the set for about n IDs.
func (s *idSet) reserve(n int) {
	if s.n == 0 && n > len(s.keys)/2 {
		s.grow(n)
	}
}

func (s *idSet) grow(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	old, oldRows := s.keys, s.rows
	s.keys, s.rows, s.n = make([]uint64, size), make([]int32, size), 0
	for i, k := range old {
		if k != 0 {
			s.insert(k, oldRows[i])
		}
	}
}

// add records hash h at row; if h was recorded before it returns that
// earlier row and true and records nothing.
func (s *idSet) add(h uint64, row int) (int, bool) {
	if 2*(s.n+1) > len(s.keys) {
		s.grow(max(s.n+1, 2*s.n))
	}
	mask := uint64(len(s.keys) - 1)
	start := h >> 1
	h |= 1
	for i := start & mask; ; i = (i + 1) & mask {
		switch s.keys[i] {
		case h:
			return int(s.rows[i]), true
		case 0:
			s.keys[i], s.rows[i] = h, int32(min(row, 1<<31-1))
			s.n++
			return 0, false
		}
	}
}

func (s *idSet) insert(h uint64, row int32) {
	mask := uint64(len(s.keys) - 1)
	for i := (h >> 1) & mask; ; i = (i + 1) & mask {
		if s.keys[i] == 0 {
			s.keys[i], s.rows[i] = h, row
			s.n++
			return
		}
	}
}
