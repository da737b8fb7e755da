import ArgumentParser
import Foundation
import Qompress

extension ACQUAObjectiveName: ExpressibleByArgument {}
