/**
 * Skip connections (Lecture "Improved gradient descent", the loss-landscape figure "(a) without skip connections,
 * (b) with skip connections", from Li et al., "Visualizing the loss landscape of neural nets", 2018): a block that
 * adds its input to its output, out = x + F(x). Backward, the gradient reaches x along two paths, so it is
 * dout + ∂F/∂x·dout: the identity path carries the gradient to early layers however many blocks there are.
 */
import { CourseInputError } from "../errors";
import { init as exerciseInit } from "../exercises";
import { Matrix } from "../matrix";
import { add } from "../ops";
import type { Rng } from "../random";
import { activation, linear, type ActivationName, type LayerFunctions } from "./layers";
import type { WeightInit } from "./mlp";
import { Sequential, type Module } from "./module";

/**
 * A residual block: forward(x) = x + inner.forward(x), backward(dout) = dout + inner.backward(dout). The inner
 * module must keep the width (its output has the shape of its input).
 *
 * @example
 * const block = residual(new Sequential([linear(W, b, "2"), activation("relu")])); // x + relu(x·W + b)
 */
export function residual(inner: Module, name = `residual(${inner.name})`): Module {
  return {
    name,
    forward(x) {
      const fx = inner.forward(x);
      if (fx.rows !== x.rows || fx.cols !== x.cols) {
        throw new CourseInputError(
          `${name}: the inner module turns a ${x.rows}×${x.cols} input into ${fx.rows}×${fx.cols}; a skip connection needs the same shape (give the inner layers as many outputs as inputs).`,
        );
      }
      return add(x, fx);
    },
    backward: (dout) => add(dout, inner.backward(dout)),
    params: () => inner.params(),
  };
}

/** How `residualMlp` builds its layers (as `mlp`'s options). */
export interface ResidualMlpOptions {
  /** Draws each weight matrix; default: your `xavierUniform` of exercises/init.ts. */
  initWeights?: WeightInit;
  /** The layer computations; default: your exercises/layers.ts. */
  fns?: LayerFunctions;
}

/**
 * The same network as `mlp([D, H, …, H, C], g, r)` — the same layers and, for the same r, the same initial weights —
 * except that every hidden layer after the first has a skip connection around it: h⁽ᵏ⁾ = h⁽ᵏ⁻¹⁾ + g(a⁽ᵏ⁾) instead of
 * h⁽ᵏ⁾ = g(a⁽ᵏ⁾). The hidden sizes must all be equal.
 *
 * @example
 * const plain = mlp([2, 16, 16, 16, 3], "relu", rng(0));
 * const skip = residualMlp([2, 16, 16, 16, 3], "relu", rng(0)); // same W1 … W4, two skip connections
 */
export function residualMlp(
  sizes: readonly number[],
  g: ActivationName,
  r: Rng,
  options: ResidualMlpOptions = {},
): Sequential {
  const hidden = sizes.slice(1, -1);
  if (sizes.length < 3 || sizes.some((s) => !Number.isInteger(s) || s < 1) || hidden.some((h) => h !== hidden[0])) {
    throw new CourseInputError(
      `residualMlp: sizes must be [D, H, …, H, C] with at least one hidden layer, all hidden sizes equal, e.g. [2, 16, 16, 3]; got [${sizes.join(", ")}].`,
    );
  }
  const { initWeights = exerciseInit.xavierUniform, fns } = options;
  const modules: Module[] = [];
  for (let k = 1; k < sizes.length; k++) {
    const W = initWeights(sizes[k - 1], sizes[k], r.int(0, 2 ** 31));
    const layer = linear(W, Matrix.zeros(1, sizes[k]), String(k), fns);
    if (k === sizes.length - 1) modules.push(layer);
    else if (k === 1) modules.push(layer, activation(g, fns));
    else modules.push(residual(new Sequential([layer, activation(g, fns)], `layer ${k}`), `skip ${k}`));
  }
  return new Sequential(modules, `residual mlp ${sizes.join("-")}`);
}
