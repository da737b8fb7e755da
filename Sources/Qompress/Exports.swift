@_exported import QompressCore
@_exported import QompressStatevector
