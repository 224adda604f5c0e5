/**
 * The API of exercises/losses.ts: output and loss functions, and the weight penalties.
 *
 * One example per row: `scores` and `probs` are N×C (N examples, C classes); labels are class indices 0 … C−1.
 * The formulas are in the exercise file; this is what each function takes and returns.
 */
import type { Matrix } from "../matrix";

/** The logistic sigmoid of every entry of x: a matrix of x's shape, entries in (0, 1). */
export declare function sigmoid(x: Matrix): Matrix;

/** The L1 loss of pred against target (same shape), summed over all entries. */
export declare function l1Loss(pred: Matrix, target: Matrix): number;

/** The L2 loss of pred against target (same shape), summed over all entries. */
export declare function l2Loss(pred: Matrix, target: Matrix): number;

/** Binary cross-entropy, averaged over the examples: probs is N×1 (p(y = 1) per example), labels are 0 or 1. */
export declare function binaryCrossEntropy(probs: Matrix, labels: number[]): number;

/** The softmax of each row of the N×C scores: N×C, every row a probability distribution. */
export declare function softmax(scores: Matrix): Matrix;

/** Cross-entropy of N×C class probabilities (not scores) against the labels, averaged over the rows. */
export declare function crossEntropy(probs: Matrix, labels: number[]): number;

/** Softmax cross-entropy of N×C scores, averaged over the rows, and its gradient dscores (N×C). */
export declare function softmaxCrossEntropy(scores: Matrix, labels: number[]): { loss: number; dscores: Matrix };

/** The C×C Jacobian ∂p_k/∂s_j of the softmax p of one row of scores (1×C). */
export declare function softmaxJacobian(scores: Matrix): Matrix;

/** Multiclass SVM (hinge) loss of N×C scores, averaged over the rows, and dscores (N×C); margin defaults to 1. */
export declare function hingeLoss(scores: Matrix, labels: number[], margin?: number): { loss: number; dscores: Matrix };

/** The L1 penalty of W and its (sub)gradient, the shape of W. */
export declare function l1Regularization(W: Matrix): { value: number; grad: Matrix };

/** The L2 penalty of W and its gradient, the shape of W. */
export declare function l2Regularization(W: Matrix): { value: number; grad: Matrix };

/** The elastic-net penalty of W (beta ≥ 0 weighs its L2 part) and its (sub)gradient, the shape of W. */
export declare function elasticNet(W: Matrix, beta: number): { value: number; grad: Matrix };
