package linear

import "math"

// Minimize minimises a smooth convex function by L-BFGS (memory m = 10)
// with a backtracking line search, from x (changed in place), for at most
// maxIter iterations or until the gradient's largest component is below
// tol. f returns the value at x and writes the gradient into g. It is
// deterministic: the same f and x give the same result.
func Minimize(f func(x, g []float64) float64, x []float64, maxIter int, tol float64) (value float64, iters int) {
	const m = 10
	n := len(x)
	g := make([]float64, n)
	fx := f(x, g)
	var s, y [][]float64
	var rho []float64
	d := make([]float64, n)
	xNew := make([]float64, n)
	gNew := make([]float64, n)
	alpha := make([]float64, m)
	for iters = 0; iters < maxIter; iters++ {
		if maxAbs(g) < tol {
			break
		}
		// Two-loop recursion: d = -H·g.
		copy(d, g)
		for i := len(s) - 1; i >= 0; i-- {
			alpha[i] = rho[i] * dot(s[i], d)
			axpy(-alpha[i], y[i], d)
		}
		if k := len(s) - 1; k >= 0 {
			scale(dot(s[k], y[k])/dot(y[k], y[k]), d)
		} else {
			scale(1/math.Max(1, math.Sqrt(dot(g, g))), d)
		}
		for i := range s {
			b := rho[i] * dot(y[i], d)
			axpy(alpha[i]-b, s[i], d)
		}
		scale(-1, d)
		slope := dot(g, d)
		if slope >= 0 { // not a descent direction: restart from the gradient
			s, y, rho = s[:0], y[:0], rho[:0]
			copy(d, g)
			scale(-1/math.Max(1, math.Sqrt(dot(g, g))), d)
			slope = dot(g, d)
		}
		step := 1.0
		var fNew float64
		for tries := 0; ; tries++ {
			for i := range x {
				xNew[i] = x[i] + step*d[i]
			}
			fNew = f(xNew, gNew)
			if fNew <= fx+1e-4*step*slope || tries == 40 {
				break
			}
			step /= 2
		}
		if fNew > fx { // no progress possible
			break
		}
		sk := make([]float64, n)
		yk := make([]float64, n)
		for i := range x {
			sk[i] = xNew[i] - x[i]
			yk[i] = gNew[i] - g[i]
		}
		if sy := dot(sk, yk); sy > 1e-12 {
			if len(s) == m {
				s, y, rho = s[1:], y[1:], rho[1:]
			}
			s, y, rho = append(s, sk), append(y, yk), append(rho, 1/sy)
		}
		copy(x, xNew)
		copy(g, gNew)
		converged := math.Abs(fx-fNew) <= 1e-10*math.Max(1, math.Abs(fx))
		fx = fNew
		if converged {
			iters++
			break
		}
	}
	return fx, iters
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

func scale(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}

func maxAbs(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return m
}
