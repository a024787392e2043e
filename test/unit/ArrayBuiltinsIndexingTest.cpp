//===- ArrayBuiltinsIndexingTest.cpp - Subscripts and .at[] updates ------===//

#include "BuiltinsTestUtil.h"

using namespace jx;
using namespace jx::test;

namespace {

class IndexingTest : public BuiltinsTest {
protected:
  IndexArg scalar(int64_t v) {
    IndexArg i;
    i.kind = IndexArg::Kind::Scalar;
    i.loc = at(2, 9);
    i.type = weakInt();
    i.value = iv(v);
    return i;
  }
  IndexArg dynamicScalar(DType dtype = DType::I32) {
    IndexArg i;
    i.kind = IndexArg::Kind::Scalar;
    i.loc = at(2, 9);
    i.type = arr(dtype);
    return i;
  }
  IndexArg indexArray(const Type *t) {
    IndexArg i;
    i.kind = IndexArg::Kind::Array;
    i.loc = at(2, 9);
    i.type = t;
    return i;
  }
  IndexArg slice(std::optional<StaticValue> lo, std::optional<StaticValue> hi,
                 std::optional<StaticValue> step = std::nullopt) {
    IndexArg i;
    i.kind = IndexArg::Kind::Slice;
    i.loc = at(2, 9);
    i.lo = lo;
    i.hi = hi;
    i.step = step;
    return i;
  }
  IndexArg all() { return slice(std::nullopt, std::nullopt); }
  IndexArg ellipsis() {
    IndexArg i;
    i.kind = IndexArg::Kind::Ellipsis;
    return i;
  }
  IndexArg newAxis() {
    IndexArg i;
    i.kind = IndexArg::Kind::NewAxis;
    return i;
  }
  std::string index(const Type *base, std::vector<IndexArg> items) {
    return str(builtins.checkIndex(at(2, 3), base, items));
  }
};

TEST_F(IndexingTest, BasicIndexing) {
  const Type *x = f32({d(5), d(n), d(4)});
  EXPECT_EQ(index(x, {scalar(0)}), "f32[n, 4]");
  EXPECT_EQ(index(x, {scalar(-1), all(), scalar(2)}), "f32[n]");
  EXPECT_EQ(index(x, {all(), scalar(0)}), "f32[5, 4]");
  EXPECT_EQ(index(x, {ellipsis(), scalar(0)}), "f32[5, n]");
  EXPECT_EQ(index(x, {newAxis(), scalar(1)}), "f32[1, n, 4]");
  EXPECT_EQ(index(x, {scalar(1), ellipsis(), newAxis()}), "f32[n, 4, 1]");
  EXPECT_EQ(index(x, {dynamicScalar(), dynamicScalar(DType::U32)}), "f32[4]");
  EXPECT_EQ(index(x, {}), "f32[5, n, 4]");
  EXPECT_EQ(output, "");
}

TEST_F(IndexingTest, StaticSlices) {
  const Type *x = f32({d(10)});
  EXPECT_EQ(index(x, {slice(iv(1), iv(-1))}), "f32[8]");
  EXPECT_EQ(index(x, {slice(std::nullopt, std::nullopt, iv(-1))}), "f32[10]");
  EXPECT_EQ(index(x, {slice(std::nullopt, std::nullopt, iv(3))}), "f32[4]");
  EXPECT_EQ(index(x, {slice(iv(8), iv(2), iv(-2))}), "f32[3]");
  EXPECT_EQ(index(x, {slice(iv(20), std::nullopt)}), "f32[0]");
  EXPECT_EQ(index(x, {slice(iv(-100), iv(3))}), "f32[3]");
  EXPECT_EQ(index(x, {slice(iv(5), iv(2))}), "f32[0]");
  EXPECT_EQ(output, "");
}

TEST_F(IndexingTest, SlicesOfSizeVariables) {
  const Type *x = f32({d(n)});
  EXPECT_EQ(index(x, {all()}), "f32[n]");
  EXPECT_EQ(index(x, {slice(std::nullopt, std::nullopt, iv(-1))}), "f32[n]");
  EXPECT_EQ(index(x, {slice(iv(1), std::nullopt)}), "f32[n-1]");
  EXPECT_EQ(index(x, {slice(iv(1), iv(-1))}), "f32[n-2]");
  EXPECT_EQ(index(x, {slice(std::nullopt, iv(3))}), "f32[min(n, 3)]");
  EXPECT_EQ(index(x, {slice(std::nullopt, sv(n))}), "f32[n]");
  // x[1:] and x[:-1] have the same (derived) size, so they combine.
  const Type *tail = builtins.checkIndex(at(1, 1), x, {slice(iv(1), {})});
  const Type *init = builtins.checkIndex(at(1, 1), x, {slice({}, iv(-1))});
  EXPECT_EQ(tail, init);
  EXPECT_EQ(str(builtins.checkBinary(BinaryOp::Sub, at(1, 1), tail, init)),
            "f32[n-1]");
  EXPECT_EQ(output, "");
}

TEST_F(IndexingTest, Errors) {
  EXPECT_EQ(index(f32({d(3)}), {scalar(0), scalar(1)}), "error");
  EXPECT_TRUE(hasError("t.jx:2:3: error: too many indices for array of type "
                       "f32[3]: got 2"))
      << output;
  output.clear();
  EXPECT_EQ(index(f32({d(3)}), {scalar(3)}), "error");
  EXPECT_TRUE(hasError("t.jx:2:9: error: index 3 is out of bounds for axis 0 "
                       "with size 3"))
      << output;
  output.clear();
  EXPECT_EQ(index(f32({d(3)}), {scalar(-4)}), "error");
  output.clear();
  // A static index into a size variable's axis is clamped at run time.
  EXPECT_EQ(index(f32({d(n)}), {scalar(7)}), "f32");
  EXPECT_EQ(index(f32({d(3)}), {indexArray(arr(DType::Bool, {d(3)}))}),
            "error");
  EXPECT_TRUE(hasError("boolean indices are not supported")) << output;
  output.clear();
  EXPECT_EQ(index(f32({d(3)}), {dynamicScalar(DType::F32)}), "error");
  EXPECT_TRUE(hasError("indices must be integers, got f32")) << output;
  output.clear();
  EXPECT_EQ(index(f32({d(3)}), {slice({}, {}, iv(0))}), "error");
  EXPECT_TRUE(hasError("slice step cannot be zero")) << output;
  output.clear();
  EXPECT_EQ(index(f32({d(3), d(3)}), {ellipsis(), ellipsis()}), "error");
  EXPECT_TRUE(hasError("single ellipsis")) << output;
  output.clear();
  IndexArg dyn = slice({}, {});
  dyn.dynamicBounds = true;
  EXPECT_EQ(index(f32({d(3)}), {dyn}), "error");
  EXPECT_TRUE(hasError("use 'dynamic_slice'")) << output;
}

TEST_F(IndexingTest, AdvancedIndexing) {
  const Type *x = f32({d(5), d(6), d(7)});
  const Type *idx = i32({d(n)});
  EXPECT_EQ(index(f32({d(5)}), {indexArray(idx)}), "f32[n]");
  EXPECT_EQ(index(x, {indexArray(idx)}), "f32[n, 6, 7]");
  EXPECT_EQ(index(x, {all(), indexArray(i32({d(2), d(3)}))}),
            "f32[5, 2, 3, 7]");
  // Adjacent advanced indices stay in place; scalars join the group.
  EXPECT_EQ(index(x, {all(), indexArray(idx), scalar(0)}), "f32[5, n]");
  // Separated by a slice: the broadcast index dims go first.
  EXPECT_EQ(index(x, {indexArray(idx), all(), scalar(0)}), "f32[n, 6]");
  EXPECT_EQ(
      index(x, {indexArray(i32({d(4), d(1)})), all(), indexArray(i32({d(3)}))}),
      "f32[4, 3, 6]");
  EXPECT_EQ(output, "");
  EXPECT_EQ(index(x, {indexArray(i32({d(2)})), indexArray(i32({d(3)}))}),
            "error");
  EXPECT_TRUE(hasError("index arrays could not be broadcast together: i32[2] "
                       "and i32[3]"))
      << output;
}

TEST_F(IndexingTest, AtUpdates) {
  const Type *x = f32({d(n), d(4)});
  auto update = [&](std::vector<IndexArg> items, llvm::StringRef method,
                    std::vector<BuiltinArg> args) {
    return str(builtins.checkAtUpdate(at(2, 3), x, items, method, args));
  };
  EXPECT_EQ(update({scalar(0)}, "set", {a(f32({d(4)}))}), "f32[n, 4]");
  EXPECT_EQ(update({slice(iv(1), iv(3))}, "add", {a(weakFloat())}),
            "f32[n, 4]");
  EXPECT_EQ(update({all(), scalar(1)}, "mul", {a(f32({d(n)}))}), "f32[n, 4]");
  EXPECT_EQ(update({indexArray(i32({d(m)}))}, "max", {a(f32({d(m), d(1)}))}),
            "f32[n, 4]");
  EXPECT_EQ(update({scalar(0)}, "get", {}), "f32[4]");
  EXPECT_EQ(update({scalar(0)}, "set", {a(f32({d(4)}), "values")}),
            "f32[n, 4]");
  EXPECT_EQ(output, "");
  EXPECT_EQ(update({scalar(0)}, "set", {a(f32({d(5)}))}), "error");
  EXPECT_TRUE(hasError("cannot broadcast the value of type f32[5] to the "
                       "indexed type f32[4] in '.at[].set'"))
      << output;
  output.clear();
  EXPECT_EQ(update({scalar(0)}, "put", {a(f32())}), "error");
  EXPECT_TRUE(hasError("unknown '.at[]' method 'put'")) << output;
  output.clear();
  EXPECT_EQ(update({scalar(0)}, "set", {}), "error");
  EXPECT_TRUE(hasError("missing argument 'values' for '.at[].set'")) << output;
  output.clear();
  // A lossy cast is a warning, as in JAX.
  EXPECT_EQ(update({scalar(0)}, "set", {a(arr(DType::F64))}), "f32[n, 4]");
  EXPECT_TRUE(hasError("warning: the value of type f64 is cast to f32"))
      << output;
}

} // namespace
