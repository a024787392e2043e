// RUN: jx-opt %s -convert-jx-to-linalg -split-input-file | FileCheck %s

// A float unary op: a linalg.generic over a tensor.empty with the math op.
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @exp
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<4xf32>) outs(%[[INIT]] : tensor<4xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[E:.*]] = math.exp %[[IN]] : f32
// CHECK: linalg.yield %[[E]] : f32
// CHECK: return %[[R]]
func.func @exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jx.exp %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Dynamic dimensions of the result come from tensor.dim of the operand.
// CHECK-LABEL: func.func @log1p_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x3x?xf64>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG: %[[D0:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x3x?xf64>
// CHECK-DAG: %[[D2:.*]] = tensor.dim %[[X]], %[[C2]] : tensor<?x3x?xf64>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[D0]], %[[D2]]) : tensor<?x3x?xf64>
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel"]
// CHECK-SAME: ins(%[[X]] : tensor<?x3x?xf64>) outs(%[[INIT]] : tensor<?x3x?xf64>)
// CHECK: math.log1p %{{.*}} : f64
func.func @log1p_dynamic(%x: tensor<?x3x?xf64>) -> tensor<?x3x?xf64> {
  %0 = jx.log1p %x : tensor<?x3x?xf64>
  return %0 : tensor<?x3x?xf64>
}

// -----

// Rank-0 tensors give a generic without loops.
// CHECK-DAG: #[[$M0:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @tanh_scalar
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<f32>
// CHECK: linalg.generic {indexing_maps = [#[[$M0]], #[[$M0]]], iterator_types = []}
// CHECK: math.tanh
func.func @tanh_scalar(%x: tensor<f32>) -> tensor<f32> {
  %0 = jx.tanh %x : tensor<f32>
  return %0 : tensor<f32>
}

// -----

// One math op per float unary op; round is half to even.
// CHECK-LABEL: func.func @float_unary
// CHECK: math.exp2
// CHECK: math.log
// CHECK: math.log2
// CHECK: math.expm1
// CHECK: math.sqrt
// CHECK: math.rsqrt
// CHECK: math.sin
// CHECK: math.cos
// CHECK: math.tan
// CHECK: math.asin
// CHECK: math.acos
// CHECK: math.atan
// CHECK: math.sinh
// CHECK: math.cosh
// CHECK: math.floor
// CHECK: math.ceil
// CHECK: math.roundeven
// CHECK: math.erf
// CHECK: math.absf
// CHECK: arith.negf
func.func @float_unary(%x: tensor<4xf32>) {
  %0 = jx.exp2 %x : tensor<4xf32>
  %1 = jx.log %x : tensor<4xf32>
  %2 = jx.log2 %x : tensor<4xf32>
  %3 = jx.expm1 %x : tensor<4xf32>
  %4 = jx.sqrt %x : tensor<4xf32>
  %5 = jx.rsqrt %x : tensor<4xf32>
  %6 = jx.sin %x : tensor<4xf32>
  %7 = jx.cos %x : tensor<4xf32>
  %8 = jx.tan %x : tensor<4xf32>
  %9 = jx.asin %x : tensor<4xf32>
  %10 = jx.acos %x : tensor<4xf32>
  %11 = jx.atan %x : tensor<4xf32>
  %12 = jx.sinh %x : tensor<4xf32>
  %13 = jx.cosh %x : tensor<4xf32>
  %14 = jx.floor %x : tensor<4xf32>
  %15 = jx.ceil %x : tensor<4xf32>
  %16 = jx.round %x : tensor<4xf32>
  %17 = jx.erf %x : tensor<4xf32>
  %18 = jx.abs %x : tensor<4xf32>
  %19 = jx.neg %x : tensor<4xf32>
  return
}

// -----

// CHECK-LABEL: func.func @reciprocal_square
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: arith.divf %[[ONE]], %{{.*}} : f32
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK: arith.mulf %[[IN]], %[[IN]] : f32
func.func @reciprocal_square(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = jx.reciprocal %x : tensor<4xf32>
  %1 = jx.square %x : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// sign keeps a float zero or NaN as is; on integers it selects -1, 0 or 1.
// CHECK-LABEL: func.func @sign
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[MONE:.*]] = arith.constant -1.000000e+00 : f32
// CHECK: %[[LT:.*]] = arith.cmpf olt, %[[IN]], %[[ZERO]] : f32
// CHECK: %[[NEG:.*]] = arith.select %[[LT]], %[[MONE]], %[[IN]] : f32
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[IN]], %[[ZERO]] : f32
// CHECK: %[[S:.*]] = arith.select %[[GT]], %[[ONE]], %[[NEG]] : f32
// CHECK: linalg.yield %[[S]]
// CHECK: arith.cmpi slt
// CHECK: arith.cmpi sgt
func.func @sign(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %0 = jx.sign %x : tensor<4xf32>
  %1 = jx.sign %i : tensor<4xi32>
  return %0, %1 : tensor<4xf32>, tensor<4xi32>
}

// -----

// Integer neg and abs use arith only (abs is max(x, 0 - x)).
// CHECK-LABEL: func.func @int_neg_abs
// CHECK: ^bb0(%[[IN:.*]]: i64, %{{.*}}: i64):
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK: arith.subi %[[ZERO]], %[[IN]] : i64
// CHECK: ^bb0(%[[IN2:.*]]: i64, %{{.*}}: i64):
// CHECK: %[[NEG:.*]] = arith.subi %{{.*}}, %[[IN2]] : i64
// CHECK: arith.maxsi %[[IN2]], %[[NEG]] : i64
func.func @int_neg_abs(%x: tensor<4xi64>) -> (tensor<4xi64>, tensor<4xi64>) {
  %0 = jx.neg %x : tensor<4xi64>
  %1 = jx.abs %x : tensor<4xi64>
  return %0, %1 : tensor<4xi64>, tensor<4xi64>
}

// -----

// not is xor with all ones (also on i1); logical_not is xor with true.
// CHECK-LABEL: func.func @not
// CHECK: %[[ONES:.*]] = arith.constant -1 : i32
// CHECK: arith.xori %{{.*}}, %[[ONES]] : i32
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: arith.xori %{{.*}}, %[[TRUE]] : i1
// CHECK: %[[TRUE2:.*]] = arith.constant true
// CHECK: arith.xori %{{.*}}, %[[TRUE2]] : i1
func.func @not(%x: tensor<4xi32>, %p: tensor<4xi1>) -> (tensor<4xi32>, tensor<4xi1>, tensor<4xi1>) {
  %0 = jx.not %x : tensor<4xi32>
  %1 = jx.not %p : tensor<4xi1>
  %2 = jx.logical_not %p : tensor<4xi1>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi1>, tensor<4xi1>
}

// -----

// is_nan is an unordered self-comparison; is_finite is |x| != inf, ordered.
// CHECK-LABEL: func.func @predicates
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<4xi1>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: i1):
// CHECK: arith.cmpf uno, %[[IN]], %[[IN]] : f32
// CHECK: ^bb0(%[[IN2:.*]]: f32, %{{.*}}: i1):
// CHECK: %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK: %[[ABS:.*]] = math.absf %[[IN2]] : f32
// CHECK: arith.cmpf one, %[[ABS]], %[[INF]] : f32
func.func @predicates(%x: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>) {
  %0 = jx.is_nan %x : tensor<4xf32>
  %1 = jx.is_finite %x : tensor<4xf32>
  return %0, %1 : tensor<4xi1>, tensor<4xi1>
}

// -----

// A binary op reads both operands at the same index.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_dynamic
// CHECK-SAME: (%[[A:.*]]: tensor<?x?xf32>, %[[B:.*]]: tensor<?x?xf32>)
// CHECK-DAG: %[[D0:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x?xf32>
// CHECK-DAG: %[[D1:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x?xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[D0]], %[[D1]]) : tensor<?x?xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$ID2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<?x?xf32>, tensor<?x?xf32>) outs(%[[INIT]] : tensor<?x?xf32>)
// CHECK: ^bb0(%[[L:.*]]: f32, %[[R:.*]]: f32, %{{.*}}: f32):
// CHECK: arith.addf %[[L]], %[[R]] : f32
func.func @add_dynamic(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = jx.add %a, %b : tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @float_binary
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.divf
// CHECK: arith.remf
// CHECK: math.powf
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: math.atan2
func.func @float_binary(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  %0 = jx.sub %a, %b : tensor<4xf32>
  %1 = jx.mul %a, %b : tensor<4xf32>
  %2 = jx.div %a, %b : tensor<4xf32>
  %3 = jx.rem %a, %b : tensor<4xf32>
  %4 = jx.pow %a, %b : tensor<4xf32>
  %5 = jx.max %a, %b : tensor<4xf32>
  %6 = jx.min %a, %b : tensor<4xf32>
  %7 = jx.atan2 %a, %b : tensor<4xf32>
  return
}

// -----

// CHECK-LABEL: func.func @int_binary
// CHECK: arith.addi
// CHECK: arith.subi
// CHECK: arith.muli
// CHECK: math.ipowi
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: arith.andi
// CHECK: arith.ori
// CHECK: arith.xori
func.func @int_binary(%a: tensor<4xi32>, %b: tensor<4xi32>) {
  %0 = jx.add %a, %b : tensor<4xi32>
  %1 = jx.sub %a, %b : tensor<4xi32>
  %2 = jx.mul %a, %b : tensor<4xi32>
  %3 = jx.pow %a, %b : tensor<4xi32>
  %4 = jx.max %a, %b : tensor<4xi32>
  %5 = jx.min %a, %b : tensor<4xi32>
  %6 = jx.and %a, %b : tensor<4xi32>
  %7 = jx.or %a, %b : tensor<4xi32>
  %8 = jx.xor %a, %b : tensor<4xi32>
  return
}

// -----

// Signed integer division never traps: the divisor becomes 1 when it is 0
// or when INT_MIN is divided by -1; x / 0 is then -1.
// CHECK-LABEL: func.func @int_div
// CHECK: ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32, %{{.*}}: i32):
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG: %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK-DAG: %[[MONE:.*]] = arith.constant -1 : i32
// CHECK-DAG: %[[ISZERO:.*]] = arith.cmpi eq, %[[B]], %[[ZERO]] : i32
// CHECK-DAG: %[[AMIN:.*]] = arith.cmpi eq, %[[A]], %[[MIN]] : i32
// CHECK-DAG: %[[BMONE:.*]] = arith.cmpi eq, %[[B]], %[[MONE]] : i32
// CHECK: %[[OVF:.*]] = arith.andi %[[AMIN]], %[[BMONE]] : i1
// CHECK: %[[BAD:.*]] = arith.ori %[[ISZERO]], %[[OVF]] : i1
// CHECK: %[[SAFE:.*]] = arith.select %[[BAD]], %[[ONE]], %[[B]] : i32
// CHECK: %[[Q:.*]] = arith.divsi %[[A]], %[[SAFE]] : i32
// CHECK: %[[R:.*]] = arith.select %[[ISZERO]], %{{.*}}, %[[Q]] : i32
// CHECK: linalg.yield %[[R]] : i32
func.func @int_div(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = jx.div %a, %b : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Integer rem has the dividend's sign; x % 0 is x.
// CHECK-LABEL: func.func @int_rem
// CHECK: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: i64):
// CHECK: %[[ISZERO:.*]] = arith.cmpi eq, %[[B]]
// CHECK: %[[SAFE:.*]] = arith.select
// CHECK: %[[R:.*]] = arith.remsi %[[A]], %[[SAFE]] : i64
// CHECK: %[[RES:.*]] = arith.select %[[ISZERO]], %[[A]], %[[R]] : i64
// CHECK: linalg.yield %[[RES]] : i64
func.func @int_rem(%a: tensor<4xi64>, %b: tensor<4xi64>) -> tensor<4xi64> {
  %0 = jx.rem %a, %b : tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// Integer floor_div: the truncating quotient less one when the remainder is
// nonzero and the operand signs differ.
// CHECK-LABEL: func.func @int_floor_div
// CHECK: ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[SAFE:.*]] = arith.select %{{.*}}, %{{.*}}, %[[B]] : i32
// CHECK: %[[Q:.*]] = arith.divsi %[[A]], %[[SAFE]] : i32
// CHECK: %[[R:.*]] = arith.remsi %[[A]], %[[SAFE]] : i32
// CHECK: %[[ANEG:.*]] = arith.cmpi slt, %[[A]], %{{.*}} : i32
// CHECK: %[[BNEG:.*]] = arith.cmpi slt, %[[B]], %{{.*}} : i32
// CHECK: %[[DIFF:.*]] = arith.xori %[[ANEG]], %[[BNEG]] : i1
// CHECK: %[[RNZ:.*]] = arith.cmpi ne, %[[R]], %{{.*}} : i32
// CHECK: %[[ADJ:.*]] = arith.andi %[[RNZ]], %[[DIFF]] : i1
// CHECK: %[[QM1:.*]] = arith.addi %[[Q]], %{{.*}} : i32
// CHECK: %[[F:.*]] = arith.select %[[ADJ]], %[[QM1]], %[[Q]] : i32
// CHECK: arith.select %{{.*}}, %{{.*}}, %[[F]] : i32
func.func @int_floor_div(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = jx.floor_div %a, %b : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Float floor_div as jnp.floor_divide: round((a - fmod(a, b)) / b), less
// one where the remainder's sign differs from b's.
// CHECK-LABEL: func.func @float_floor_div
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[MOD:.*]] = arith.remf %[[A]], %[[B]] : f32
// CHECK: %[[SUB:.*]] = arith.subf %[[A]], %[[MOD]] : f32
// CHECK: %[[DIV:.*]] = arith.divf %[[SUB]], %[[B]] : f32
// CHECK: %[[BNEG:.*]] = arith.cmpf olt, %[[B]], %{{.*}} : f32
// CHECK: %[[MNEG:.*]] = arith.cmpf olt, %[[MOD]], %{{.*}} : f32
// CHECK: %[[DIFF:.*]] = arith.xori %[[BNEG]], %[[MNEG]] : i1
// CHECK: %[[MNZ:.*]] = arith.cmpf une, %[[MOD]], %{{.*}} : f32
// CHECK: %[[ADJ:.*]] = arith.andi %[[MNZ]], %[[DIFF]] : i1
// CHECK: %[[DM1:.*]] = arith.subf %[[DIV]], %{{.*}} : f32
// CHECK: %[[SEL:.*]] = arith.select %[[ADJ]], %[[DM1]], %[[DIV]] : f32
// CHECK: %[[RES:.*]] = math.round %[[SEL]] : f32
// CHECK: linalg.yield %[[RES]] : f32
func.func @float_floor_div(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = jx.floor_div %a, %b : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Shifts by the bit width or more (or by a negative amount) give 0 for shl;
// an arithmetic shr then shifts by width - 1 (sign fill).
// CHECK-LABEL: func.func @shifts
// CHECK: ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[W:.*]] = arith.constant 32 : i32
// CHECK: %[[OK:.*]] = arith.cmpi ult, %[[B]], %[[W]] : i32
// CHECK: %[[SH:.*]] = arith.shli %[[A]], %[[B]] : i32
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: arith.select %[[OK]], %[[SH]], %[[ZERO]] : i32
// CHECK: ^bb0(%[[A2:.*]]: i32, %[[B2:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[W2:.*]] = arith.constant 32 : i32
// CHECK: %[[OK2:.*]] = arith.cmpi ult, %[[B2]], %[[W2]] : i32
// CHECK: %[[W31:.*]] = arith.constant 31 : i32
// CHECK: %[[AMT:.*]] = arith.select %[[OK2]], %[[B2]], %[[W31]] : i32
// CHECK: arith.shrsi %[[A2]], %[[AMT]] : i32
func.func @shifts(%a: tensor<4xi32>, %b: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>) {
  %0 = jx.shl %a, %b : tensor<4xi32>
  %1 = jx.shr %a, %b : tensor<4xi32>
  return %0, %1 : tensor<4xi32>, tensor<4xi32>
}

// -----

// i1 and/or/xor are the bitwise ops; max/min on i1 are unsigned (or/and).
// CHECK-LABEL: func.func @bool_binary
// CHECK: arith.andi %{{.*}}, %{{.*}} : i1
// CHECK: arith.ori %{{.*}}, %{{.*}} : i1
// CHECK: arith.maxui %{{.*}}, %{{.*}} : i1
// CHECK: arith.minui %{{.*}}, %{{.*}} : i1
func.func @bool_binary(%a: tensor<4xi1>, %b: tensor<4xi1>) {
  %0 = jx.and %a, %b : tensor<4xi1>
  %1 = jx.or %a, %b : tensor<4xi1>
  %2 = jx.max %a, %b : tensor<4xi1>
  %3 = jx.min %a, %b : tensor<4xi1>
  return
}

// -----

// stop_gradient is its operand.
// CHECK-LABEL: func.func @stop_gradient
// CHECK-SAME: (%[[X:.*]]: tensor<?xf32>)
// CHECK-NEXT: return %[[X]] : tensor<?xf32>
func.func @stop_gradient(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = jx.stop_gradient %x : tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Transformation requests and collectives stay (earlier passes expand them).
// CHECK-LABEL: func.func @keeps_requests
// CHECK: jx.grad @sq
// CHECK: jx.psum
func.func @sq(%x: tensor<f32>) -> tensor<f32> {
  %0 = jx.mul %x, %x : tensor<f32>
  return %0 : tensor<f32>
}
func.func @keeps_requests(%x: tensor<f32>) -> tensor<f32> {
  %g = jx.grad @sq(%x) {argnums = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  %s = jx.psum %g, "batch" : tensor<f32>
  return %s : tensor<f32>
}
