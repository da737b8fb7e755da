@_exported import QompressCore
@_exported import QompressStatevector
@_exported import QompressGradients
@_exported import QompressMPS
@_exported import QompressLinearAlgebra
@_exported import QompressTraining
@_exported import QompressData
@_exported import QompressHead
