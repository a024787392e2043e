# The two commands of the quick start: `make run` and `make test`.
# Both install missing dependencies, configure and build first.

BUILD     ?= build
BUILDTYPE ?= Release
JOBS      ?= $(shell nproc)
LLVM_BIN  := /usr/lib/llvm-22/bin
CMAKE_FLAGS ?=

.PHONY: all deps configure build run test asan clean

all: build

deps:
	@./install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=$(BUILDTYPE) \
	  -DCMAKE_C_COMPILER=$(LLVM_BIN)/clang \
	  -DCMAKE_CXX_COMPILER=$(LLVM_BIN)/clang++ \
	  -DLLVM_USE_LINKER=lld \
	  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
	  -DCMAKE_C_COMPILER_LAUNCHER=ccache $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: deps configure
	ninja -C $(BUILD) -j $(JOBS)

# Compiles examples/hello.jx to native code and runs its main.
run: build
	$(BUILD)/bin/jxc run examples/hello.jx

test: build
	$(LLVM_BIN)/lit -sv $(BUILD)/test

# The whole suite under AddressSanitizer and UBSan, in its own build folder.
asan:
	$(MAKE) test BUILD=build-asan BUILDTYPE=Debug CMAKE_FLAGS=-DJX_ENABLE_SANITIZERS=ON

clean:
	rm -rf $(BUILD)
