package verdict

import (
	"math"

	"github.com/credence-news/credence/internal/linear"
)

// row is one training article as a head reads it.
type row struct {
	z   []float64 // standardised dense features
	idx []uint32
	val []float32
	y   float64 // 1 for the head's positive class
}

// fitted is a trained logistic head before calibration.
type fitted struct {
	b  float64
	wd []float64
	wh []float32 // len Hashed
}

func (f *fitted) logit(r *row) float64 {
	z := f.b
	for j, v := range r.z {
		z += f.wd[j] * v
	}
	for k, i := range r.idx {
		z += float64(f.wh[i]) * float64(r.val[k])
	}
	return z
}

// Training settings. They were set before any evaluation and are not
// tuned on the scored folds; lambda is chosen among lambdas by inner
// cross-validation on the training articles only.
const (
	epochs    = 20
	learnRate = 0.2
	seed      = 0x5eed
)

var lambdas = []float64{1e-4, 1e-3, 1e-2}

// stagewise: see fitHead.
const stagewise = true

// fitHead trains an L2-regularised logistic regression by AdaGrad
// stochastic gradient descent in a fixed order: the same rows give the
// same weights on every platform.
//
// signs, when not nil, keeps each dense weight on its side of zero (see
// DenseFeature.Sign): a step across is stopped at zero (projected
// gradient).
func fitHead(rows []*row, lambda float64, signs []int) *fitted {
	nd := len(DenseFeatures) // also when rows is empty (an empty inner fold)
	f := &fitted{wd: make([]float64, nd), wh: make([]float32, Hashed)}
	gb := 1e-8
	gd := make([]float64, nd)
	gh := make([]float32, Hashed)
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	sh := linear.Shuffler(seed)
	// Stagewise: the dense features and the intercept first, alone; then
	// the n-grams, with those frozen, on what the dense features leave
	// unexplained. The interpretable figures get the credit they can
	// carry, and the wording only the rest.
	for phase := 0; phase < 2; phase++ {
		dense, hashed := phase == 0, phase == 1
		if !stagewise {
			if phase == 1 {
				break
			}
			dense, hashed = true, true
		}
		for e := 0; e < epochs; e++ {
			sh.Shuffle(order)
			for _, k := range order {
				r := rows[k]
				p := sigmoid(f.logit(r))
				g := p - r.y
				if dense {
					gb += g * g
					f.b -= learnRate * g / math.Sqrt(gb)
					for j, v := range r.z {
						gj := g*v + lambda*f.wd[j]
						gd[j] += gj * gj
						f.wd[j] -= learnRate * gj / (math.Sqrt(gd[j]) + 1e-8)
						if signs != nil && float64(signs[j])*f.wd[j] <= 0 {
							f.wd[j] = 0
						}
					}
				}
				if hashed {
					for q, i := range r.idx {
						gi := float32(g)*r.val[q] + float32(lambda)*f.wh[i]
						gh[i] += gi * gi
						f.wh[i] -= float32(learnRate) * gi / (float32(math.Sqrt(float64(gh[i]))) + 1e-8)
					}
				}
			}
		}
	}
	return f
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// logLoss is the mean negative log-likelihood of probabilities p for y.
func logLoss(p, y []float64) float64 {
	s := 0.0
	for i := range p {
		q := math.Min(math.Max(p[i], 1e-12), 1-1e-12)
		if y[i] > 0.5 {
			s -= math.Log(q)
		} else {
			s -= math.Log(1 - q)
		}
	}
	return s / float64(len(p))
}

// newton fits a logistic regression with few parameters: logit = offset +
// w·x, L2 penalty l2[j]/2·w_j² on the summed log-loss. Platt scaling (x =
// [z, 1]) and the reputation weights (x = ratings, offset = the calibrated
// text log-odds) are both this.
func newton(x [][]float64, offset, y, l2 []float64) []float64 {
	if len(x) == 0 {
		return make([]float64, len(l2))
	}
	d := len(x[0])
	w := make([]float64, d)
	for it := 0; it < 50; it++ {
		g := make([]float64, d)
		h := make([][]float64, d)
		for j := range h {
			h[j] = make([]float64, d)
			g[j] = l2[j] * w[j]
			h[j][j] = l2[j] + 1e-9
		}
		for i, xi := range x {
			z := offset[i]
			for j := range xi {
				z += w[j] * xi[j]
			}
			p := sigmoid(z)
			for j := range xi {
				g[j] += (p - y[i]) * xi[j]
				for k := range xi {
					h[j][k] += p * (1 - p) * xi[j] * xi[k]
				}
			}
		}
		step := solve(h, g)
		maxStep := 0.0
		for j := range w {
			w[j] -= step[j]
			maxStep = math.Max(maxStep, math.Abs(step[j]))
		}
		if maxStep < 1e-10 {
			break
		}
	}
	return w
}

// solve solves h·s = g by Gaussian elimination with partial pivoting (h is
// small and positive definite).
func solve(h [][]float64, g []float64) []float64 {
	n := len(g)
	a := make([][]float64, n)
	for i := range a {
		a[i] = append(append([]float64(nil), h[i]...), g[i])
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		if a[c][c] == 0 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k <= n; k++ {
				a[r][k] -= f * a[c][k]
			}
		}
	}
	s := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		v := a[i][n]
		for k := i + 1; k < n; k++ {
			v -= a[i][k] * s[k]
		}
		if a[i][i] != 0 {
			s[i] = v / a[i][i]
		}
	}
	return s
}

// platt fits calibrated = A·z + B on out-of-fold logits, with Platt's
// smoothed targets so that a separable fold does not give infinite slopes.
func platt(z, y []float64) (a, b float64) {
	var pos, neg float64
	for _, v := range y {
		if v > 0.5 {
			pos++
		} else {
			neg++
		}
	}
	hi, lo := (pos+1)/(pos+2), 1/(neg+2)
	x := make([][]float64, len(z))
	t := make([]float64, len(z))
	for i := range z {
		x[i] = []float64{z[i], 1}
		t[i] = lo
		if y[i] > 0.5 {
			t[i] = hi
		}
	}
	w := newton(x, make([]float64, len(z)), t, []float64{1e-3, 1e-3})
	return w[0], w[1]
}
