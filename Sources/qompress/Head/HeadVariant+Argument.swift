import ArgumentParser
import Foundation
import Qompress

extension HeadVariant: ExpressibleByArgument {}
