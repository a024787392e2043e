// RUN: jx-opt %s -split-input-file -verify-diagnostics

func.func @broadcast_rank(%x: tensor<4xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'jx.broadcast_in_dim' op broadcast_dimensions [0, 1] has 2 entries but the operand has rank 1}}
  %0 = jx.broadcast_in_dim %x, dims = [0, 1] : (tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @broadcast_range(%x: tensor<4xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'jx.broadcast_in_dim' op broadcast_dimensions [2] has dimension 2 out of range for rank 2}}
  %0 = jx.broadcast_in_dim %x, dims = [2] : (tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @broadcast_size(%x: tensor<4xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'jx.broadcast_in_dim' op operand dimension 0 of size 4 cannot broadcast to result dimension 1 of size 3}}
  %0 = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @broadcast_sizes_count(%x: tensor<4xf32>, %n: index) -> tensor<3x4xf32> {
  // expected-error @+1 {{'jx.broadcast_in_dim' op expects 0 'sizes' operand(s), one per dynamic dimension of 'tensor<3x4xf32>', but got 1}}
  %0 = jx.broadcast_in_dim %x, dims = [1], sizes(%n) : (tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @broadcast_element(%x: tensor<4xf32>) -> tensor<3x4xf64> {
  // expected-error @+1 {{'jx.broadcast_in_dim' op result element type 'f64' does not match operand element type 'f32'}}
  %0 = jx.broadcast_in_dim %x, dims = [1] : (tensor<4xf32>) -> tensor<3x4xf64>
  return %0 : tensor<3x4xf64>
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'jx.reshape' op cannot reshape 6 elements [2, 3] into 5 elements [5]}}
  %0 = jx.reshape %x : (tensor<2x3xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @transpose_not_permutation(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'jx.transpose' op permutation [1, 1] is not a permutation of 0..1}}
  %0 = jx.transpose %x, perm = [1, 1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @transpose_rank(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'jx.transpose' op permutation [0] has 1 entries but the operand has rank 2}}
  %0 = jx.transpose %x, perm = [0] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @transpose_shape(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'jx.transpose' op result shape [2, 3] does not match the expected shape [3, 2]}}
  %0 = jx.transpose %x, perm = [1, 0] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @slice_bounds(%x: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'jx.slice' op slice 3:5 of dimension 0 is out of bounds [0, 4]}}
  %0 = jx.slice %x, start = [3], limit = [5], stride = [1] : (tensor<4xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_stride(%x: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'jx.slice' op stride 0 of dimension 0 is not positive}}
  %0 = jx.slice %x, start = [0], limit = [2], stride = [0] : (tensor<4xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_result(%x: tensor<5xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'jx.slice' op result shape [2] does not match the expected shape [3]}}
  %0 = jx.slice %x, start = [0], limit = [5], stride = [2] : (tensor<5xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_lengths(%x: tensor<5xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'jx.slice' op start, limit and stride need 1 entries each (the operand rank), got 2, 1 and 1}}
  %0 = jx.slice %x, start = [0, 0], limit = [2], stride = [1] : (tensor<5xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @dynamic_slice_count(%x: tensor<4x4xf32>, %i: tensor<i32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'jx.dynamic_slice' op expects 2 start indices (the operand rank), got 1}}
  %0 = jx.dynamic_slice %x[%i], slice_sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @dynamic_slice_size(%x: tensor<4xf32>, %i: tensor<i32>) -> tensor<5xf32> {
  // expected-error @+1 {{'jx.dynamic_slice' op slice size 5 of dimension 0 does not fit the operand dimension of size 4}}
  %0 = jx.dynamic_slice %x[%i], slice_sizes = [5] : (tensor<4xf32>, tensor<i32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @dynamic_slice_dynamic_size(%x: tensor<?xf32>, %i: tensor<i32>) -> tensor<?xf32> {
  // expected-error @+1 {{'jx.dynamic_slice' op expects 1 'sizes' operand(s), one per slice size -1, but got 0}}
  %0 = jx.dynamic_slice %x[%i], slice_sizes = [-1] : (tensor<?xf32>, tensor<i32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @dynamic_slice_index_type(%x: tensor<4xf32>, %i: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+1 {{'jx.dynamic_slice' op operand #1 must be variadic of 0D tensor of}}
  %0 = jx.dynamic_slice %x[%i], slice_sizes = [2] : (tensor<4xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @dynamic_update_slice_rank(%x: tensor<4x4xf32>, %u: tensor<2xf32>, %i: tensor<i32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'jx.dynamic_update_slice' op update rank 1 does not match operand rank 2}}
  %0 = jx.dynamic_update_slice %x[%i, %i], %u : (tensor<4x4xf32>, tensor<2xf32>, tensor<i32>, tensor<i32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @dynamic_update_slice_size(%x: tensor<4xf32>, %u: tensor<5xf32>, %i: tensor<i32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.dynamic_update_slice' op update dimension 0 of size 5 is larger than the operand's (4)}}
  %0 = jx.dynamic_update_slice %x[%i], %u : (tensor<4xf32>, tensor<5xf32>, tensor<i32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gather_collapsed_size(%x: tensor<5x4xf32>, %idx: tensor<3xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'jx.gather' op collapsed dimension 0 has slice size 2, not 1}}
  %0 = jx.gather %x[%idx], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>,
         slice_sizes = [2, 4] : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @gather_index_map(%x: tensor<5x4xf32>, %idx: tensor<3x2xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'jx.gather' op start_index_map [0] has 1 entries but index vectors have 2}}
  %0 = jx.gather %x[%idx], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>,
         slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<3x2xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @gather_result(%x: tensor<5x4xf32>, %idx: tensor<3xi32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'jx.gather' op result shape [4, 3] does not match the expected shape [3, 4]}}
  %0 = jx.gather %x[%idx], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>,
         slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @gather_offset_dims(%x: tensor<5x4xf32>, %idx: tensor<3xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'jx.gather' op offset_dims [1, 0] is not sorted}}
  %0 = jx.gather %x[%idx], <offset_dims = [1, 0], collapsed_slice_dims = [], start_index_map = [0], index_vector_dim = 1>,
         slice_sizes = [1, 4] : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @scatter_cover(%x: tensor<5x4xf32>, %idx: tensor<3xi32>, %v: tensor<3x4xf32>) -> tensor<5x4xf32> {
  // expected-error @+1 {{'jx.scatter' op update_window_dims and inserted_window_dims must cover the operand rank 2, got 1 + 0}}
  %0 = jx.scatter add %x[%idx], %v, <update_window_dims = [1], inserted_window_dims = [],
         scatter_dims_to_operand_dims = [0], index_vector_dim = 1>
         : (tensor<5x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// -----

func.func @scatter_batch(%x: tensor<5x4xf32>, %idx: tensor<3xi32>, %v: tensor<2x4xf32>) -> tensor<5x4xf32> {
  // expected-error @+1 {{'jx.scatter' op update scatter dimensions [2] do not match the index batch shape [3]}}
  %0 = jx.scatter add %x[%idx], %v, <update_window_dims = [1], inserted_window_dims = [0],
         scatter_dims_to_operand_dims = [0], index_vector_dim = 1>
         : (tensor<5x4xf32>, tensor<3xi32>, tensor<2x4xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// -----

func.func @scatter_window(%x: tensor<5x4xf32>, %idx: tensor<3xi32>, %v: tensor<3x6xf32>) -> tensor<5x4xf32> {
  // expected-error @+1 {{'jx.scatter' op update window of size 6 is larger than operand dimension 1 (4)}}
  %0 = jx.scatter max %x[%idx], %v, <update_window_dims = [1], inserted_window_dims = [0],
         scatter_dims_to_operand_dims = [0], index_vector_dim = 1>
         : (tensor<5x4xf32>, tensor<3xi32>, tensor<3x6xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// -----

func.func @concatenate_dim(%a: tensor<2xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.concatenate' op dimension 1 is out of range for rank 1}}
  %0 = jx.concatenate %a, %a dim = 1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @concatenate_shapes(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'jx.concatenate' op input #1 has shape [2, 4] which does not match input #0 outside dimension 0}}
  %0 = jx.concatenate %a, %b dim = 0 : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @concatenate_result(%a: tensor<2xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'jx.concatenate' op result shape [5] does not match the expected shape [4]}}
  %0 = jx.concatenate %a, %a dim = 0 : (tensor<2xf32>, tensor<2xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @pad_value(%a: tensor<2xf32>, %z: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.pad' op padding value must be a rank-0 tensor of 'f32', got 'tensor<1xf32>'}}
  %0 = jx.pad %a, %z, low = [1], high = [1], interior = [0] : (tensor<2xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @pad_interior(%a: tensor<2xf32>, %z: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.pad' op interior padding -1 of dimension 0 is negative}}
  %0 = jx.pad %a, %z, low = [1], high = [1], interior = [-1] : (tensor<2xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @pad_result(%a: tensor<2xf32>, %z: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.pad' op result shape [4] does not match the expected shape [5]}}
  %0 = jx.pad %a, %z, low = [1], high = [1], interior = [1] : (tensor<2xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reverse_repeat(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'jx.reverse' op dimensions [1, 1] repeats dimension 1}}
  %0 = jx.reverse %a, dims = [1, 1] : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @reduce_result(%x: tensor<3x4xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'jx.reduce' op result shape [3] does not match the expected shape [4]}}
  %0 = jx.reduce sum %x, dims = [0] : (tensor<3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @reduce_dims(%x: tensor<3x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.reduce' op dimensions [2] has dimension 2 out of range for rank 2}}
  %0 = jx.reduce sum %x, dims = [2] : (tensor<3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_argmax_dims(%x: tensor<3x4xf32>) -> tensor<i32> {
  // expected-error @+1 {{'jx.reduce' op 'argmax' reduces exactly one dimension, got [0, 1]}}
  %0 = jx.reduce argmax %x, dims = [0, 1] : (tensor<3x4xf32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

func.func @reduce_argmin_type(%x: tensor<3x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.reduce' op 'argmin' gives i32 or i64 indices, not 'f32'}}
  %0 = jx.reduce argmin %x, dims = [0] : (tensor<3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_and_float(%x: tensor<3x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.reduce' op 'and' needs a bool or integer operand, got 'f32'}}
  %0 = jx.reduce and %x, dims = [0] : (tensor<3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_sum_bool(%x: tensor<3xi1>) -> tensor<i1> {
  // expected-error @+1 {{'jx.reduce' op 'sum' needs a numeric operand, got i1}}
  %0 = jx.reduce sum %x, dims = [0] : (tensor<3xi1>) -> tensor<i1>
  return %0 : tensor<i1>
}

// -----

func.func @reduce_element(%x: tensor<3xf32>) -> tensor<f64> {
  // expected-error @+1 {{'jx.reduce' op result element type 'f64' does not match operand element type 'f32'}}
  %0 = jx.reduce max %x, dims = [0] : (tensor<3xf32>) -> tensor<f64>
  return %0 : tensor<f64>
}

// -----

func.func @dot_contracting_size(%a: tensor<3x4xf32>, %b: tensor<5x6xf32>) -> tensor<3x6xf32> {
  // expected-error @+1 {{'jx.dot_general' op lhs dimension 1 of size 4 does not match rhs dimension 0 of size 5}}
  %0 = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0]
         : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

func.func @dot_lengths(%a: tensor<3x4xf32>, %b: tensor<4x6xf32>) -> tensor<3x6xf32> {
  // expected-error @+1 {{'jx.dot_general' op contracting dimensions [1] x [] differ in length}}
  %0 = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x []
         : (tensor<3x4xf32>, tensor<4x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

func.func @dot_repeat(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> tensor<f32> {
  // expected-error @+1 {{'jx.dot_general' op lhs batching and contracting dimensions [1, 1] repeats dimension 1}}
  %0 = jx.dot_general %a, %b, batching_dims = [1] x [0], contracting_dims = [1] x [1]
         : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @dot_result(%a: tensor<3x4xf32>, %b: tensor<4x6xf32>) -> tensor<6x3xf32> {
  // expected-error @+1 {{'jx.dot_general' op result shape [6, 3] does not match the expected shape [3, 6]}}
  %0 = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0]
         : (tensor<3x4xf32>, tensor<4x6xf32>) -> tensor<6x3xf32>
  return %0 : tensor<6x3xf32>
}

// -----

func.func @dot_mixed(%a: tensor<4xf32>, %b: tensor<4xf64>) -> tensor<f32> {
  // expected-error @+1 {{'jx.dot_general' op operand element types 'f32' and 'f64' differ}}
  %0 = jx.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [0] x [0]
         : (tensor<4xf32>, tensor<4xf64>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @cumulative_axis(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.cumulative' op axis 1 is out of range for rank 1}}
  %0 = jx.cumulative sum %x, axis = 1 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dim_range(%x: tensor<4xf32>) -> index {
  // expected-error @+1 {{'jx.dim' op dimension 1 is out of range for rank 1}}
  %0 = jx.dim %x, 1 : tensor<4xf32>
  return %0 : index
}

// -----

func.func @dim_negative(%x: tensor<4xf32>) -> index {
  // expected-error @+1 {{'jx.dim' op dimension -1 is out of range for rank 1}}
  %0 = jx.dim %x, -1 : tensor<4xf32>
  return %0 : index
}

// -----

func.func @cumulative_negative(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'jx.cumulative' op axis -1 is out of range for rank 1}}
  %0 = jx.cumulative max %x, axis = -1 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gather_slice_size(%x: tensor<5x4xf32>, %idx: tensor<3xi32>) -> tensor<3x6xf32> {
  // expected-error @+1 {{'jx.gather' op slice size 6 of dimension 1 does not fit the operand}}
  %0 = jx.gather %x[%idx], <offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>,
         slice_sizes = [1, 6] : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}
