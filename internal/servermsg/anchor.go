package servermsg

// An index from words to the catalogue messages that contain them, so that
// MatchText tries only the messages whose rarest word the text holds: a
// log of 200 lines is 200 × a dozen cuts × 435 messages otherwise.
//
// A message's anchor is its longest word strictly inside one of its pieces
// (a non-word byte on both sides within the piece). Wherever the piece is
// found in a text, that word is then a whole word of the text too, so
// skipping the messages whose anchor the text lacks changes no result.
// Messages without such a word are always tried.

// anchorIndex maps an anchor word to the indexes of the patterns it anchors;
// unanchored lists the others. Both are in ascending order.
type anchorIndex struct {
	by         map[string][]int
	unanchored []int
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// anchorOf returns the pattern's longest interior word, or "".
func anchorOf(p pattern) string {
	best := ""
	for _, piece := range p.pieces {
		for i := 0; i < len(piece); {
			if !isWordByte(piece[i]) {
				i++
				continue
			}
			j := i
			for j < len(piece) && isWordByte(piece[j]) {
				j++
			}
			if i > 0 && j < len(piece) && j-i > len(best) {
				best = piece[i:j]
			}
			i = j
		}
	}
	return best
}

func newAnchorIndex(ps []pattern) anchorIndex {
	ix := anchorIndex{by: map[string][]int{}}
	for i, p := range ps {
		if a := anchorOf(p); a != "" {
			ix.by[a] = append(ix.by[a], i)
		} else {
			ix.unanchored = append(ix.unanchored, i)
		}
	}
	return ix
}

// candidates marks in set the patterns worth trying on the normalised text
// t: the unanchored ones and those whose anchor is a word of t.
func (ix *anchorIndex) candidates(t string, set []uint64) {
	for _, i := range ix.unanchored {
		set[i>>6] |= 1 << (i & 63)
	}
	for i := 0; i < len(t); {
		if !isWordByte(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isWordByte(t[j]) {
			j++
		}
		for _, k := range ix.by[t[i:j]] {
			set[k>>6] |= 1 << (k & 63)
		}
		i = j
	}
}
