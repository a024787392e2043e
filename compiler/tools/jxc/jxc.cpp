//===- jxc.cpp - The jx compiler ------------------------------------------===//

#include "jx/Driver/Driver.h"

int main(int argc, char **argv) { return jx::runJxc(argc, argv); }
