//===- ArrayBuiltinsCallsTest.cpp - Section 7 calls ----------------------===//

#include "BuiltinsTestUtil.h"

using namespace jx;
using namespace jx::test;

namespace {

using CallsTest = BuiltinsTest;

TEST_F(CallsTest, NamesAndMethods) {
  EXPECT_TRUE(ArrayBuiltins::isBuiltin("zeros"));
  EXPECT_TRUE(ArrayBuiltins::isBuiltin("einsum"));
  EXPECT_TRUE(ArrayBuiltins::isBuiltin("logical_not"));
  EXPECT_FALSE(ArrayBuiltins::isBuiltin("grad"));
  EXPECT_TRUE(ArrayBuiltins::isMethod("sum"));
  EXPECT_TRUE(ArrayBuiltins::isMethod("reshape"));
  EXPECT_TRUE(ArrayBuiltins::isMethod("astype"));
  EXPECT_TRUE(ArrayBuiltins::isMethod("flatten"));
  EXPECT_FALSE(ArrayBuiltins::isMethod("zeros"));
  EXPECT_FALSE(ArrayBuiltins::isMethod("sin"));
}

TEST_F(CallsTest, ArgumentBindingErrors) {
  EXPECT_EQ(call("sum", {a(f32({d(3)})), s(iv(0), "axs")}), "error");
  EXPECT_TRUE(hasError("t.jx:2:5: error: unexpected keyword argument 'axs' "
                       "for 'sum'"))
      << output;
  output.clear();
  EXPECT_EQ(call("reshape", {s(tv({iv(3)}), "shape")}), "error");
  EXPECT_TRUE(hasError("t.jx:1:1: error: missing argument 'x' for 'reshape'"))
      << output;
  output.clear();
  EXPECT_EQ(call("sum", {a(f32({d(3)})), s(iv(0)), s(iv(0), "axis")}), "error");
  EXPECT_TRUE(hasError("multiple values for argument 'axis' of 'sum'"))
      << output;
  output.clear();
  EXPECT_EQ(call("sin", {a(f32()), a(f32())}), "error");
  EXPECT_TRUE(hasError("too many positional arguments for 'sin': expected "
                       "at most 1, got 2"))
      << output;
  output.clear();
  EXPECT_EQ(call("sum", {a(f32({d(3)})), a(f32(), "out")}), "error");
  EXPECT_TRUE(hasError("argument 'out' of 'sum' is not supported")) << output;
  output.clear();
  EXPECT_EQ(call("sum", {s(tv({iv(1)}))}), "error");
  EXPECT_TRUE(hasError("argument 'x' of 'sum' must be an array, got (1,)"))
      << output;
  output.clear();
  // jax.numpy's own parameter name works too.
  EXPECT_EQ(call("sum", {a(f32({d(3)}), "a")}), "f32");
}

TEST_F(CallsTest, Creation) {
  EXPECT_EQ(call("zeros", {s(tv({sv(n), iv(3)}))}), "f32[n, 3]");
  EXPECT_EQ(call("ones", {s(iv(4)), dt(DType::I32)}), "i32[4]");
  EXPECT_EQ(call("zeros", {s(tv({})), dt(DType::Bool)}), "bool");
  EXPECT_EQ(call("full", {s(tv({iv(2), iv(3)})), s(fv(1.5))}), "f32[2, 3]");
  EXPECT_EQ(call("full", {s(tv({iv(2), iv(3)})), a(i32({d(3)}))}), "i32[2, 3]");
  EXPECT_EQ(call("zeros_like", {a(i32({d(n)}))}), "i32[n]");
  EXPECT_EQ(call("ones_like", {a(i32({d(n)})), dt(DType::F64)}), "f64[n]");
  EXPECT_EQ(call("full_like", {a(f32({d(2)})), s(iv(7))}), "f32[2]");
  EXPECT_EQ(call("arange", {s(iv(5))}), "i32[5]");
  EXPECT_EQ(call("arange", {s(iv(1)), s(iv(10)), s(iv(3))}), "i32[3]");
  EXPECT_EQ(call("arange", {s(fv(0.0)), s(fv(1.0)), s(fv(0.25))}), "f32[4]");
  EXPECT_EQ(call("arange", {s(iv(5)), s(iv(0)), s(iv(-1))}), "i32[5]");
  EXPECT_EQ(call("arange", {s(sv(n))}), "i32[n]");
  EXPECT_EQ(call("arange", {s(iv(1)), s(sv(n))}), "i32[n-1]");
  EXPECT_EQ(call("arange", {s(iv(4)), dt(DType::F32)}), "f32[4]");
  EXPECT_EQ(call("linspace", {s(fv(0.0)), s(fv(1.0)), s(iv(5))}), "f32[5]");
  EXPECT_EQ(call("linspace", {s(iv(0)), s(iv(1))}), "f32[50]");
  EXPECT_EQ(call("linspace", {a(f32({d(3)})), s(fv(1.0)), s(sv(n), "num"),
                              s(bv(false), "endpoint"), s(iv(1), "axis")}),
            "f32[3, n]");
  EXPECT_EQ(call("linspace",
                 {s(fv(0.0)), s(fv(1.0)), s(iv(3)), s(bv(true), "retstep")}),
            "(f32[3], f32)");
  EXPECT_EQ(call("eye", {s(iv(3))}), "f32[3, 3]");
  EXPECT_EQ(call("eye", {s(sv(n)), s(iv(2)), s(iv(1), "k"), dt(DType::I32)}),
            "i32[n, 2]");
  EXPECT_EQ(output, "");
  EXPECT_EQ(call("zeros", {s(tv({iv(-2)}))}), "error");
  EXPECT_TRUE(hasError("negative dimension -2")) << output;
  output.clear();
  EXPECT_EQ(call("arange", {a(i32())}), "error");
  EXPECT_TRUE(hasError("argument 'start' of 'arange' must be known at "
                       "compile time"))
      << output;
  output.clear();
  EXPECT_EQ(call("full", {s(iv(3)), a(f32({d(4)}))}), "error");
  EXPECT_TRUE(hasError("cannot broadcast the fill value of type f32[4] to "
                       "shape (3,)"))
      << output;
}

TEST_F(CallsTest, Elementwise) {
  EXPECT_EQ(call("sin", {a(f32({d(n)}))}), "f32[n]");
  EXPECT_EQ(call("exp", {a(i32({d(3)}))}), "f32[3]");
  EXPECT_EQ(call("sqrt", {a(arr(DType::I64))}), "f64");
  EXPECT_EQ(call("tanh", {a(arr(DType::F16, {d(2)}))}), "f16[2]");
  EXPECT_EQ(call("abs", {a(i32({d(3)}))}), "i32[3]");
  EXPECT_EQ(call("floor", {a(i32())}), "i32");
  EXPECT_EQ(call("round", {a(f32({d(2)})), s(iv(2), "decimals")}), "f32[2]");
  EXPECT_EQ(call("square", {a(arr(DType::Bool))}), "i32");
  EXPECT_EQ(call("isnan", {a(f32({d(n)}))}), "bool[n]");
  EXPECT_EQ(call("logical_not", {a(i32({d(2)}))}), "bool[2]");
  EXPECT_EQ(call("astype", {a(f32({d(n)})), dt(DType::F64, "")}), "f64[n]");
  EXPECT_EQ(call("clip", {a(i32({d(3)})), s(iv(0)), s(iv(5))}), "i32[3]");
  EXPECT_EQ(call("clip", {a(i32({d(3)})), s(fv(0.5), "max")}), "f32[3]");
  EXPECT_EQ(call("where", {a(arr(DType::Bool, {d(n), d(1)})), a(f32({d(3)})),
                           s(fv(0.0))}),
            "f32[n, 3]");
  EXPECT_EQ(call("maximum", {a(f32({d(n)})), s(fv(0.0))}), "f32[n]");
  EXPECT_EQ(call("power", {a(i32({d(2)})), s(iv(2))}), "i32[2]");
  EXPECT_EQ(call("arctan2", {a(i32()), a(i32())}), "f32");
  EXPECT_EQ(output, "");
  EXPECT_EQ(call("where",
                 {a(arr(DType::Bool, {d(2)})), a(f32({d(3)})), a(f32({d(3)}))}),
            "error");
  EXPECT_TRUE(hasError("incompatible shapes for broadcasting: bool[2] and "
                       "f32[3]"))
      << output;
  output.clear();
  EXPECT_EQ(call("where", {a(arr(DType::Bool, {d(2)}))}), "error");
  EXPECT_TRUE(hasError("one-argument form is not supported")) << output;
  output.clear();
  EXPECT_EQ(call("astype", {a(f32()), s(iv(3))}), "error");
  EXPECT_TRUE(hasError("argument 'dtype' of 'astype' must be a dtype, got 3"))
      << output;
}

TEST_F(CallsTest, Reductions) {
  const Type *x = f32({d(n), d(3), d(4)});
  EXPECT_EQ(call("sum", {a(x)}), "f32");
  EXPECT_EQ(call("sum", {a(x), s(iv(1))}), "f32[n, 4]");
  EXPECT_EQ(call("sum", {a(x), s(iv(-1), "axis"), s(bv(true), "keepdims")}),
            "f32[n, 3, 1]");
  EXPECT_EQ(call("mean", {a(x), s(tv({iv(0), iv(2)}), "axis")}), "f32[3]");
  EXPECT_EQ(call("sum", {a(arr(DType::Bool, {d(3)}))}), "i32");
  EXPECT_EQ(call("sum", {a(i32({d(3)})), dt(DType::F32)}), "f32");
  EXPECT_EQ(call("prod", {a(arr(DType::U32, {d(3)}))}), "u32");
  EXPECT_EQ(call("mean", {a(i32({d(3)}))}), "f32");
  EXPECT_EQ(call("var", {a(i32({d(3)})), s(iv(1), "ddof")}), "f32");
  EXPECT_EQ(call("std", {a(x), s(iv(0), "axis")}), "f32[3, 4]");
  EXPECT_EQ(call("max", {a(x), s(iv(2), "axis")}), "f32[n, 3]");
  EXPECT_EQ(call("argmax", {a(x), s(iv(1), "axis")}), "i32[n, 4]");
  EXPECT_EQ(call("argmin", {a(x)}), "i32");
  EXPECT_EQ(call("argmax", {a(x), s(nonev(), "axis"), s(bv(true), "keepdims")}),
            "i32[1, 1, 1]");
  EXPECT_EQ(call("any", {a(x), s(iv(0))}), "bool[3, 4]");
  EXPECT_EQ(call("all", {a(arr(DType::Bool, {d(2)}))}), "bool");
  EXPECT_EQ(call("cumsum", {a(x), s(iv(1))}), "f32[n, 3, 4]");
  EXPECT_EQ(call("cumsum", {a(x)}), "f32[12*n]");
  EXPECT_EQ(call("cumprod", {a(arr(DType::Bool, {d(2)}))}), "i32[2]");
  EXPECT_EQ(output, "");
  EXPECT_EQ(call("sum", {a(x), s(iv(3), "axis")}), "error");
  EXPECT_TRUE(hasError("axis 3 is out of bounds for array of dimension 3"))
      << output;
  output.clear();
  EXPECT_EQ(call("sum", {a(x), s(tv({iv(0), iv(-3)}), "axis")}), "error");
  EXPECT_TRUE(hasError("duplicate value in 'axis': (0, -3)")) << output;
  output.clear();
  EXPECT_EQ(call("argmax", {a(x), s(tv({iv(0), iv(1)}), "axis")}), "error");
  EXPECT_TRUE(hasError("argument 'axis' of 'argmax' must be an integer or "
                       "none"))
      << output;
  output.clear();
  EXPECT_EQ(call("max", {a(f32({d(int64_t(0))}))}), "error");
  EXPECT_TRUE(hasError("zero-size array to reduction operation 'max'"))
      << output;
}

TEST_F(CallsTest, Reshape) {
  const Type *x = f32({d(n), d(3)});
  EXPECT_EQ(call("reshape", {a(f32({d(3), d(4)})), s(tv({iv(2), iv(-1)}))}),
            "f32[2, 6]");
  EXPECT_EQ(call("reshape", {a(x), s(tv({iv(-1)}))}), "f32[3*n]");
  // Method form: x.reshape(2, 6).
  EXPECT_EQ(call("reshape", {a(f32({d(12)})), s(iv(2)), s(iv(6))}),
            "f32[2, 6]");
  // Round trip through a derived size.
  const Type *flat =
      builtins.checkCall("reshape", at(1, 1), {a(x), s(tv({iv(-1)}))});
  EXPECT_EQ(call("reshape", {a(flat), s(tv({sv(n), iv(3)}))}), "f32[n, 3]");
  EXPECT_EQ(call("reshape", {a(flat), s(tv({iv(-1), iv(3)}))}), "f32[n, 3]");
  EXPECT_EQ(call("reshape", {a(x), s(tv({iv(3), sv(n)}))}), "f32[3, n]");
  EXPECT_EQ(call("ravel", {a(x)}), "f32[3*n]");
  EXPECT_EQ(call("flatten", {a(x)}), "f32[3*n]");
  EXPECT_EQ(output, "");
  EXPECT_EQ(call("reshape", {a(f32({d(3), d(4)})), s(tv({iv(5), iv(3)}))}),
            "error");
  EXPECT_TRUE(hasError("cannot reshape array of type f32[3, 4] into shape "
                       "(5, 3): it has 12 elements, not 15"))
      << output;
  output.clear();
  EXPECT_EQ(call("reshape", {a(x), s(tv({iv(-1), iv(2)}))}), "error");
  EXPECT_TRUE(hasError("cannot reshape array of type f32[n, 3] into shape "
                       "(-1, 2): cannot prove"))
      << output;
  output.clear();
  EXPECT_EQ(call("reshape", {a(x), s(tv({iv(-1), iv(-1)}))}), "error");
  EXPECT_TRUE(hasError("can only specify one unknown dimension")) << output;
}

TEST_F(CallsTest, ShapeFunctions) {
  const Type *x = f32({d(n), d(3), d(4)});
  EXPECT_EQ(call("transpose", {a(x)}), "f32[4, 3, n]");
  EXPECT_EQ(call("transpose", {a(x), s(tv({iv(1), iv(0), iv(2)}))}),
            "f32[3, n, 4]");
  EXPECT_EQ(call("transpose", {a(x), s(iv(2)), s(iv(0)), s(iv(1))}),
            "f32[4, n, 3]");
  EXPECT_EQ(call("swapaxes", {a(x), s(iv(0)), s(iv(-1))}), "f32[4, 3, n]");
  EXPECT_EQ(call("expand_dims", {a(x), s(iv(0))}), "f32[1, n, 3, 4]");
  EXPECT_EQ(call("expand_dims", {a(x), s(tv({iv(0), iv(-1)}))}),
            "f32[1, n, 3, 4, 1]");
  EXPECT_EQ(call("squeeze", {a(f32({d(1), d(n), d(1)}))}), "f32[n]");
  EXPECT_EQ(call("squeeze", {a(f32({d(1), d(n), d(1)})), s(iv(2))}),
            "f32[1, n]");
  EXPECT_EQ(call("broadcast_to", {a(f32({d(3)})), s(tv({sv(n), iv(3)}))}),
            "f32[n, 3]");
  EXPECT_EQ(call("concatenate",
                 {
                     s(tv({})),
                 }),
            "error");
  output.clear();
  const Type *pair = types.getTuple({f32({d(n), d(3)}), f32({d(m), d(3)})});
  EXPECT_EQ(call("concatenate", {a(pair)}), "f32[n+m, 3]");
  EXPECT_EQ(call("concatenate",
                 {a(types.getTuple({f32({d(2)}), arr(DType::I32, {d(3)})}))}),
            "f32[5]");
  EXPECT_EQ(call("concatenate",
                 {a(types.getTuple({f32({d(n), d(2)}), f32({d(n), d(3)})})),
                  s(iv(1), "axis")}),
            "f32[n, 5]");
  EXPECT_EQ(call("concatenate", {a(pair), s(nonev(), "axis")}), "f32[3*n+3*m]");
  EXPECT_EQ(call("stack", {a(types.getTuple({f32({d(n)}), f32({d(n)})})),
                           s(iv(1), "axis")}),
            "f32[n, 2]");
  EXPECT_EQ(call("stack", {a(f32({d(m), d(n)}))}), "f32[m, n]");
  EXPECT_EQ(call("flip", {a(x), s(iv(1))}), "f32[n, 3, 4]");
  EXPECT_EQ(call("pad", {a(f32({d(n), d(3)})), s(iv(1))}), "f32[n+2, 5]");
  EXPECT_EQ(call("pad", {a(f32({d(2), d(3)})),
                         s(tv({tv({iv(1), iv(0)}), tv({iv(0), iv(2)})})),
                         s(fv(0.0), "constant_values")}),
            "f32[3, 5]");
  EXPECT_EQ(call("take", {a(x), a(i32({d(m)})), s(iv(1), "axis")}),
            "f32[n, m, 4]");
  EXPECT_EQ(call("take", {a(x), a(i32({d(2), d(2)}))}), "f32[2, 2]");
  const Type *starts = types.getTuple({i32(), i32(), weakInt()});
  EXPECT_EQ(
      call("dynamic_slice", {a(x), a(starts), s(tv({iv(1), iv(2), iv(4)}))}),
      "f32[1, 2, 4]");
  EXPECT_EQ(call("dynamic_update_slice",
                 {a(x), a(f32({d(1), d(3), d(2)})), a(starts)}),
            "f32[n, 3, 4]");
  EXPECT_EQ(output, "");
  EXPECT_EQ(call("squeeze", {a(f32({d(n), d(1)})), s(iv(0))}), "error");
  EXPECT_TRUE(hasError("cannot squeeze axis 0 of f32[n, 1]: its size is not "
                       "1"))
      << output;
  output.clear();
  EXPECT_EQ(call("concatenate",
                 {a(types.getTuple({f32({d(n), d(2)}), f32({d(n), d(3)})}))}),
            "error");
  EXPECT_TRUE(hasError("must have the same shape except on axis 0")) << output;
  output.clear();
  EXPECT_EQ(
      call("dynamic_slice", {a(x), a(starts), s(tv({iv(1), iv(5), iv(4)}))}),
      "error");
  EXPECT_TRUE(hasError("slice size 5 of 'dynamic_slice' is larger than "
                       "dimension 1 of f32[n, 3, 4]"))
      << output;
  output.clear();
  EXPECT_EQ(call("transpose", {a(x), s(tv({iv(0), iv(0), iv(1)}))}), "error");
  EXPECT_TRUE(hasError("must be a permutation")) << output;
}

TEST_F(CallsTest, LinearAlgebra) {
  EXPECT_EQ(call("dot", {a(f32({d(n)})), a(f32({d(n)}))}), "f32");
  EXPECT_EQ(call("dot", {a(f32({d(2), d(3)})), a(f32({d(3), d(n)}))}),
            "f32[2, n]");
  EXPECT_EQ(
      call("dot", {a(f32({d(2), d(3), d(4)})), a(f32({d(5), d(4), d(6)}))}),
      "f32[2, 3, 5, 6]");
  EXPECT_EQ(call("dot", {a(weakFloat()), a(i32({d(3)}))}), "f32[3]");
  EXPECT_EQ(call("matmul", {a(f32({d(8), d(2), d(3)})), a(f32({d(3)}))}),
            "f32[8, 2]");
  EXPECT_EQ(call("outer", {a(f32({d(n)})), a(f32({d(2), d(3)}))}), "f32[n, 6]");
  EXPECT_EQ(call("trace", {a(f32({d(3), d(3)}))}), "f32");
  EXPECT_EQ(call("trace", {a(i32({d(2), d(3), d(4)})), s(iv(1), "axis1"),
                           s(iv(2), "axis2")}),
            "i32[2]");
  EXPECT_EQ(call("diag", {a(f32({d(n)}))}), "f32[n, n]");
  EXPECT_EQ(call("diag", {a(f32({d(3)})), s(iv(1))}), "f32[4, 4]");
  EXPECT_EQ(call("diag", {a(f32({d(n), d(n)}))}), "f32[n]");
  EXPECT_EQ(call("diag", {a(f32({d(3), d(5)})), s(iv(-1))}), "f32[2]");
  EXPECT_EQ(output, "");
  EXPECT_EQ(call("dot", {a(f32({d(2), d(3)})), a(f32({d(4)}))}), "error");
  EXPECT_TRUE(hasError("contracting dimensions of 'dot' do not match: "
                       "f32[2, 3] has 3 and f32[4] has 4"))
      << output;
}

TEST_F(CallsTest, Einsum) {
  const Type *ab = f32({d(n), d(3)}), *bc = f32({d(3), d(m)});
  EXPECT_EQ(call("einsum", {s(strv("ij,jk->ik")), a(ab), a(bc)}), "f32[n, m]");
  EXPECT_EQ(call("einsum", {s(strv("ij,jk")), a(ab), a(bc)}), "f32[n, m]");
  // Implicit output: sorted labels, so "ji" transposes.
  EXPECT_EQ(call("einsum", {s(strv("ji")), a(ab)}), "f32[3, n]");
  EXPECT_EQ(call("einsum", {s(strv("ij->ji")), a(ab)}), "f32[3, n]");
  EXPECT_EQ(call("einsum", {s(strv("ii->i")), a(f32({d(4), d(4)}))}), "f32[4]");
  EXPECT_EQ(call("einsum", {s(strv("ii")), a(f32({d(4), d(4)}))}), "f32");
  EXPECT_EQ(call("einsum", {s(strv("i,i->")), a(f32({d(n)})), a(f32({d(n)}))}),
            "f32");
  EXPECT_EQ(call("einsum", {s(strv("...ij,...jk->...ik")),
                            a(f32({d(7), d(2), d(3)})), a(f32({d(3), d(4)}))}),
            "f32[7, 2, 4]");
  EXPECT_EQ(call("einsum", {s(strv("bij,bjk->bik")), a(f32({d(2), d(3), d(4)})),
                            a(i32({d(2), d(4), d(5)}))}),
            "f32[2, 3, 5]");
  // Implicitly, the shared `b` is summed.
  EXPECT_EQ(call("einsum", {s(strv("bij,bjk")), a(f32({d(2), d(3), d(4)})),
                            a(i32({d(2), d(4), d(5)}))}),
            "f32[3, 5]");
  EXPECT_EQ(call("einsum", {s(strv("ij,jk->ik")), a(ab), a(bc),
                            s(strv("optimal"), "optimize")}),
            "f32[n, m]");
  EXPECT_EQ(output, "");
  EXPECT_EQ(call("einsum", {s(strv("ij,jk->ik")), a(ab)}), "error");
  EXPECT_TRUE(hasError("einsum subscripts \"ij,jk->ik\" name 2 operands but "
                       "1 was given"))
      << output;
  output.clear();
  EXPECT_EQ(call("einsum", {s(strv("ijk,jk")), a(ab), a(bc)}), "error");
  EXPECT_TRUE(hasError("einsum term \"ijk\" of operand 0 needs 3 dimensions, "
                       "got f32[n, 3]"))
      << output;
  output.clear();
  EXPECT_EQ(call("einsum", {s(strv("ij,ij->i")), a(ab), a(bc)}), "error");
  EXPECT_TRUE(hasError("einsum label 'i' has size n in operand 0 (f32[n, 3]) "
                       "but 3 in operand 1 (f32[3, m])"))
      << output;
  output.clear();
  EXPECT_EQ(call("einsum", {s(strv("ij->iz")), a(ab)}), "error");
  EXPECT_TRUE(hasError("einsum output label 'z' does not appear")) << output;
  output.clear();
  EXPECT_EQ(call("einsum", {s(strv("ij->ii")), a(ab)}), "error");
  EXPECT_TRUE(hasError("appears more than once")) << output;
  output.clear();
  EXPECT_EQ(call("einsum", {s(strv("i1,j")), a(ab), a(bc)}), "error");
  EXPECT_TRUE(hasError("invalid character '1'")) << output;
}

} // namespace
