package eval

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// packedFigure is a figure (unitFigures) as EvaluateUnitsStream keeps it
// between its passes, in 8 bytes (600,000 of them at 12,000 units × 50
// indicators): the coefficient and exponent of the decimal, or, for one
// whose coefficient does not fit 32 bits or whose exponent 16, a mark that
// packedBigs holds it.
type packedFigure struct {
	coef int32
	exp  int16
	kind uint8 // packedNone, packedSmall or packedBig
}

const (
	packedNone uint8 = iota
	packedSmall
	packedBig
)

// packedBigs holds the figures of more than 9 digits, by unit and
// position; there are seldom any.
type packedBigs struct {
	mu sync.Mutex
	m  map[[2]int]decimal.Decimal
}

func (b *packedBigs) put(unit, k int, d decimal.Decimal) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil {
		b.m = map[[2]int]decimal.Decimal{}
	}
	b.m[[2]int{unit, k}] = d
}

func (b *packedBigs) get(unit, k int) decimal.Decimal {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m[[2]int{unit, k}]
}

func packFigures(unit int, figs []figure, bigs *packedBigs) []packedFigure {
	out := make([]packedFigure, len(figs))
	for k, f := range figs {
		switch {
		case !f.ok:
		case f.v.NumDigits() <= 9 && f.v.Exponent() >= math.MinInt16 && f.v.Exponent() <= math.MaxInt16:
			out[k] = packedFigure{coef: int32(f.v.CoefficientInt64()), exp: int16(f.v.Exponent()), kind: packedSmall}
		default:
			out[k] = packedFigure{kind: packedBig}
			bigs.put(unit, k, f.v)
		}
	}
	return out
}

// packedStanding is standing with the ranks of every unit in one slice:
// unit i's ranks, by position in its ruleset, are rank[at[i]:at[i+1]].
type packedStanding struct {
	rank        []int32
	at          []int
	count       map[string]int
	best, worst map[string]decimal.Decimal
}

// peers is standing.peers.
func (st *packedStanding) peers(i int, rs *rules.Ruleset) *Peers {
	p := &Peers{Rank: make(map[string]int, len(rs.Indicators)), Count: st.count, Best: st.best, Worst: st.worst}
	ranks := st.rank[st.at[i]:st.at[i+1]]
	for k, ind := range rs.Indicators {
		if r := ranks[k]; r > 0 {
			p.Rank[ind.ID] = int(r)
		}
	}
	return p
}

// rankPacked is rankFigures on packed figures: the same ranks, counts,
// best and worst figures (TestEvaluateUnitsStream), in a few bytes per
// figure instead of a decimal each.
func rankPacked(units []PackedUnit, figs [][]packedFigure, bigs *packedBigs) *packedStanding {
	type entry struct {
		unit, k int32 // where the rank goes
		vk      int32 // the position of the figure in figs[unit]: k, or the first listing of the id
	}
	st := &packedStanding{at: make([]int, len(units)+1), count: map[string]int{},
		best: map[string]decimal.Decimal{}, worst: map[string]decimal.Decimal{}}
	for i, u := range units {
		st.at[i+1] = st.at[i] + len(u.Ruleset.Indicators)
	}
	st.rank = make([]int32, st.at[len(units)])
	// The indicators in the order they first appear, and where each is in
	// every ruleset (most units share one): the units' figures are then
	// gathered one indicator at a time, so that only one column of entries
	// is held (a city of 12,000 units × 50 indicators would hold 600,000
	// at once).
	var order []string
	seen := map[string]bool{}
	places := map[*rules.Ruleset]map[string][]int32{}
	for _, u := range units {
		if places[u.Ruleset] != nil {
			continue
		}
		at := map[string][]int32{}
		for k, ind := range u.Ruleset.Indicators {
			at[ind.ID] = append(at[ind.ID], int32(k))
			if !seen[ind.ID] {
				seen[ind.ID] = true
				order = append(order, ind.ID)
			}
		}
		places[u.Ruleset] = at
	}
	var es []entry
	for _, id := range order {
		es = es[:0]
		for ui, u := range units {
			ks := places[u.Ruleset][id]
			if len(ks) == 0 {
				continue
			}
			vk := ks[0] // listed twice: judged once
			if figs[ui][vk].kind == packedNone {
				continue
			}
			for _, k := range ks {
				es = append(es, entry{int32(ui), k, vk})
			}
		}
		if len(es) == 0 {
			continue
		}
		value := func(e entry) decimal.Decimal {
			f := figs[e.unit][e.vk]
			if f.kind == packedBig {
				return bigs.get(int(e.unit), int(e.vk))
			}
			return decimal.New(int64(f.coef), int32(f.exp))
		}
		// Best first; equal figures keep the input order.
		idx := make([]int32, len(es))
		for i := range idx {
			idx[i] = int32(i)
		}
		var same func(a, b int32) bool
		if keys, ok := packedKeys(len(es), func(i int) packedFigure { e := es[i]; return figs[e.unit][e.vk] }); ok {
			slices.SortStableFunc(idx, func(a, b int32) int { return cmp.Compare(keys[b], keys[a]) })
			same = func(a, b int32) bool { return keys[a] == keys[b] }
		} else {
			vs := make([]decimal.Decimal, len(es))
			for i, e := range es {
				vs[i] = value(e)
			}
			slices.SortStableFunc(idx, func(a, b int32) int { return vs[b].Cmp(vs[a]) })
			same = func(a, b int32) bool { return vs[a].Equal(vs[b]) }
		}
		rank := 0
		for pos, i := range idx {
			if pos == 0 || !same(i, idx[pos-1]) {
				rank = pos + 1
			}
			e := es[i]
			st.rank[st.at[e.unit]+int(e.k)] = int32(rank)
		}
		st.count[id] = len(es)
		st.best[id], st.worst[id] = value(es[idx[0]]), value(es[idx[len(idx)-1]])
	}
	return st
}

// packedKeys returns, for n packed figures of at most 9 digits, integers
// that compare as the figures do: the coefficients scaled to the smallest
// exponent among them, when none overflows.
func packedKeys(n int, fig func(i int) packedFigure) ([]int64, bool) {
	minExp := int16(0)
	for i := 0; i < n; i++ {
		f := fig(i)
		if f.kind != packedSmall {
			return nil, false
		}
		if i == 0 || f.exp < minExp {
			minExp = f.exp
		}
	}
	keys := make([]int64, n)
	for i := 0; i < n; i++ {
		f := fig(i)
		k := int64(f.coef)
		for e := f.exp; e > minExp; e-- {
			if k > maxScalable || k < -maxScalable {
				return nil, false
			}
			k *= 10
		}
		keys[i] = k
	}
	return keys, true
}

// maxScalable is the largest coefficient that can be multiplied by ten
// within an int64.
const maxScalable = (1<<63 - 1) / 10
